/*
 * gen_gdelt.c - deterministic generator of GDELT 1.0-shaped event rows.
 *
 *   gen_gdelt ROWS [CODES] > file.tsv
 *
 * Writes ROWS lines of 58 TAB-separated columns (no header, LF line ends, no
 * quoting), about 360 bytes a line, in the layout of the GDELT 1.0 daily
 * "export" files.  The output depends only on ROWS: a fixed-seed splitmix64
 * generator drives every choice and only integer arithmetic is used, so the
 * same ROWS gives the same bytes on every run, machine and compiler.
 *
 * Distributions (chosen to resemble real GDELT 1.0 files):
 *   - country codes: ~200 real ISO alpha-3 codes, Zipf-skewed (weight 1/rank,
 *     USA first); 20% of two-sided events are domestic (same country twice);
 *   - actors: "USAGOV", "RUSMILREB", "CHN", "BUS", "IGOUNO"...; names in
 *     capitals; about a fifth of actors carry no country code ("BUS", "GOV",
 *     "COP"...);
 *   - distinct actor codes: about CODES in the file, new ones appearing
 *     along the file as in real files (Heaps' law, exponent 2/3) and used
 *     with a heavy tail (a code seen before is reused in proportion to its
 *     uses so far: Simon's model). Without CODES, the number real GDELT
 *     files suggest for ROWS rows: 2.22 * ROWS^(2/3), fitted on the growth
 *     of distinct codes along the two real GDELT files of ../shared/data
 *     (bench/README.md): ~4,800 at 100k rows, ~22,000 at 1M, ~65,000 at 5M;
 *   - one side entirely empty (all its 10 fields) in 25% of rows
 *     (Actor2 in 17%, Actor1 in 8%), its geo type then 0 with empty fields;
 *   - CAMEO event codes with leading zeros from a realistic weighted set, with
 *     matching base code, root code, QuadClass and Goldstein value;
 *   - SQLDATE uniformly over 2018, unsorted; DATEADDED 0-7 days later;
 *   - geo fields from a table of real places (type 1-4) and country centroids;
 *   - SOURCEURL 60-150 characters in the shapes news sites use.
 *
 * Build: cc -O2 -std=c17 -Wall -Wextra -Werror -o gen_gdelt gen_gdelt.c
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- PRNG -- */

static uint64_t rng_state = 0x6765706f6c2d3031ULL; /* "gepol-01" */

static uint64_t next64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform integer in [0, n), n < 2^32 (multiply-shift, no division). */
static uint32_t below(uint32_t n)
{
	return (uint32_t)(((next64() >> 32) * (uint64_t)n) >> 32);
}

/* True with probability pct/100. */
static int chance(uint32_t pct)
{
	return below(100) < pct;
}

/* Index drawn from cumulative integer weights cum[0..n-1]. */
static size_t pick_cum(const uint32_t *cum, size_t n)
{
	uint32_t r = below(cum[n - 1]);
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cum[mid] > r)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* ------------------------------------------------------------- tables -- */

struct country {
	const char *iso3, *name, *fips;
};

/* Ordered by rough prominence in GDELT: the order is the Zipf rank. */
static const struct country COUNTRIES[] = {
	{ "USA", "United States", "US" },
	{ "GBR", "United Kingdom", "UK" },
	{ "CHN", "China", "CH" },
	{ "RUS", "Russia", "RS" },
	{ "IND", "India", "IN" },
	{ "ISR", "Israel", "IS" },
	{ "PAK", "Pakistan", "PK" },
	{ "AUS", "Australia", "AS" },
	{ "FRA", "France", "FR" },
	{ "CAN", "Canada", "CA" },
	{ "DEU", "Germany", "GM" },
	{ "JPN", "Japan", "JA" },
	{ "IRN", "Iran", "IR" },
	{ "SYR", "Syria", "SY" },
	{ "TUR", "Turkey", "TU" },
	{ "AFG", "Afghanistan", "AF" },
	{ "IRQ", "Iraq", "IZ" },
	{ "NGA", "Nigeria", "NI" },
	{ "ZAF", "South Africa", "SF" },
	{ "PRK", "North Korea", "KN" },
	{ "KOR", "South Korea", "KS" },
	{ "EGY", "Egypt", "EG" },
	{ "MEX", "Mexico", "MX" },
	{ "SAU", "Saudi Arabia", "SA" },
	{ "UKR", "Ukraine", "UP" },
	{ "PHL", "Philippines", "RP" },
	{ "ITA", "Italy", "IT" },
	{ "PSE", "Palestine", "WE" },
	{ "BRA", "Brazil", "BR" },
	{ "ESP", "Spain", "SP" },
	{ "IDN", "Indonesia", "ID" },
	{ "MYS", "Malaysia", "MY" },
	{ "KEN", "Kenya", "KE" },
	{ "NZL", "New Zealand", "NZ" },
	{ "IRL", "Ireland", "EI" },
	{ "VEN", "Venezuela", "VE" },
	{ "LBN", "Lebanon", "LE" },
	{ "YEM", "Yemen", "YM" },
	{ "LBY", "Libya", "LY" },
	{ "BGD", "Bangladesh", "BG" },
	{ "QAT", "Qatar", "QA" },
	{ "ARE", "United Arab Emirates", "AE" },
	{ "VNM", "Vietnam", "VM" },
	{ "THA", "Thailand", "TH" },
	{ "SGP", "Singapore", "SN" },
	{ "POL", "Poland", "PL" },
	{ "GRC", "Greece", "GR" },
	{ "NLD", "Netherlands", "NL" },
	{ "SWE", "Sweden", "SW" },
	{ "JOR", "Jordan", "JO" },
	{ "CUB", "Cuba", "CU" },
	{ "SDN", "Sudan", "SU" },
	{ "ETH", "Ethiopia", "ET" },
	{ "SOM", "Somalia", "SO" },
	{ "ZWE", "Zimbabwe", "ZI" },
	{ "UGA", "Uganda", "UG" },
	{ "GHA", "Ghana", "GH" },
	{ "COL", "Colombia", "CO" },
	{ "ARG", "Argentina", "AR" },
	{ "CHE", "Switzerland", "SZ" },
	{ "BEL", "Belgium", "BE" },
	{ "AUT", "Austria", "AU" },
	{ "NOR", "Norway", "NO" },
	{ "DNK", "Denmark", "DA" },
	{ "FIN", "Finland", "FI" },
	{ "PRT", "Portugal", "PO" },
	{ "CZE", "Czech Republic", "EZ" },
	{ "HUN", "Hungary", "HU" },
	{ "ROU", "Romania", "RO" },
	{ "BGR", "Bulgaria", "BU" },
	{ "SRB", "Serbia", "RI" },
	{ "HRV", "Croatia", "HR" },
	{ "BIH", "Bosnia and Herzegovina", "BK" },
	{ "ALB", "Albania", "AL" },
	{ "MKD", "Macedonia", "MK" },
	{ "GEO", "Georgia", "GG" },
	{ "ARM", "Armenia", "AM" },
	{ "AZE", "Azerbaijan", "AJ" },
	{ "KAZ", "Kazakhstan", "KZ" },
	{ "UZB", "Uzbekistan", "UZ" },
	{ "TKM", "Turkmenistan", "TX" },
	{ "KGZ", "Kyrgyzstan", "KG" },
	{ "TJK", "Tajikistan", "TI" },
	{ "MNG", "Mongolia", "MG" },
	{ "NPL", "Nepal", "NP" },
	{ "LKA", "Sri Lanka", "CE" },
	{ "MMR", "Myanmar", "BM" },
	{ "KHM", "Cambodia", "CB" },
	{ "LAO", "Laos", "LA" },
	{ "TWN", "Taiwan", "TW" },
	{ "HKG", "Hong Kong", "HK" },
	{ "MAR", "Morocco", "MO" },
	{ "DZA", "Algeria", "AG" },
	{ "TUN", "Tunisia", "TS" },
	{ "MLI", "Mali", "ML" },
	{ "NER", "Niger", "NG" },
	{ "TCD", "Chad", "CD" },
	{ "CMR", "Cameroon", "CM" },
	{ "SEN", "Senegal", "SG" },
	{ "CIV", "Ivory Coast", "IV" },
	{ "BFA", "Burkina Faso", "UV" },
	{ "GIN", "Guinea", "GV" },
	{ "SLE", "Sierra Leone", "SL" },
	{ "LBR", "Liberia", "LI" },
	{ "TGO", "Togo", "TO" },
	{ "BEN", "Benin", "BN" },
	{ "COD", "Democratic Republic of the Congo", "CG" },
	{ "COG", "Republic of the Congo", "CF" },
	{ "CAF", "Central African Republic", "CT" },
	{ "GAB", "Gabon", "GB" },
	{ "AGO", "Angola", "AO" },
	{ "ZMB", "Zambia", "ZA" },
	{ "MWI", "Malawi", "MI" },
	{ "MOZ", "Mozambique", "MZ" },
	{ "TZA", "Tanzania", "TZ" },
	{ "RWA", "Rwanda", "RW" },
	{ "BDI", "Burundi", "BY" },
	{ "SSD", "South Sudan", "OD" },
	{ "ERI", "Eritrea", "ER" },
	{ "DJI", "Djibouti", "DJ" },
	{ "MDG", "Madagascar", "MA" },
	{ "MUS", "Mauritius", "MP" },
	{ "NAM", "Namibia", "WA" },
	{ "BWA", "Botswana", "BC" },
	{ "LSO", "Lesotho", "LT" },
	{ "SWZ", "Swaziland", "WZ" },
	{ "OMN", "Oman", "MU" },
	{ "KWT", "Kuwait", "KU" },
	{ "BHR", "Bahrain", "BA" },
	{ "CYP", "Cyprus", "CY" },
	{ "MLT", "Malta", "MT" },
	{ "ISL", "Iceland", "IC" },
	{ "LUX", "Luxembourg", "LU" },
	{ "EST", "Estonia", "EN" },
	{ "LVA", "Latvia", "LG" },
	{ "LTU", "Lithuania", "LH" },
	{ "BLR", "Belarus", "BO" },
	{ "MDA", "Moldova", "MD" },
	{ "SVK", "Slovakia", "LO" },
	{ "SVN", "Slovenia", "SI" },
	{ "MNE", "Montenegro", "MJ" },
	{ "KSV", "Kosovo", "KV" },
	{ "PER", "Peru", "PE" },
	{ "CHL", "Chile", "CI" },
	{ "ECU", "Ecuador", "EC" },
	{ "BOL", "Bolivia", "BL" },
	{ "PRY", "Paraguay", "PA" },
	{ "URY", "Uruguay", "UY" },
	{ "GUY", "Guyana", "GY" },
	{ "SUR", "Suriname", "NS" },
	{ "PAN", "Panama", "PM" },
	{ "CRI", "Costa Rica", "CS" },
	{ "NIC", "Nicaragua", "NU" },
	{ "HND", "Honduras", "HO" },
	{ "SLV", "El Salvador", "ES" },
	{ "GTM", "Guatemala", "GT" },
	{ "BLZ", "Belize", "BH" },
	{ "HTI", "Haiti", "HA" },
	{ "DOM", "Dominican Republic", "DR" },
	{ "JAM", "Jamaica", "JM" },
	{ "TTO", "Trinidad and Tobago", "TD" },
	{ "BHS", "Bahamas", "BF" },
	{ "BRB", "Barbados", "BB" },
	{ "PNG", "Papua New Guinea", "PP" },
	{ "FJI", "Fiji", "FJ" },
	{ "SLB", "Solomon Islands", "BP" },
	{ "VUT", "Vanuatu", "NH" },
	{ "WSM", "Samoa", "WS" },
	{ "TON", "Tonga", "TN" },
	{ "KIR", "Kiribati", "KR" },
	{ "BTN", "Bhutan", "BT" },
	{ "MDV", "Maldives", "MV" },
	{ "BRN", "Brunei", "BX" },
	{ "TLS", "East Timor", "TT" },
	{ "GNB", "Guinea-Bissau", "PU" },
	{ "GMB", "Gambia", "GA" },
	{ "CPV", "Cape Verde", "CV" },
	{ "MRT", "Mauritania", "MR" },
	{ "GNQ", "Equatorial Guinea", "EK" },
	{ "STP", "Sao Tome and Principe", "TP" },
	{ "COM", "Comoros", "CN" },
	{ "SYC", "Seychelles", "SE" },
	{ "LCA", "Saint Lucia", "ST" },
	{ "GRD", "Grenada", "GJ" },
	{ "DMA", "Dominica", "DO" },
	{ "ATG", "Antigua and Barbuda", "AC" },
	{ "KNA", "Saint Kitts and Nevis", "SC" },
	{ "VCT", "Saint Vincent and the Grenadines", "VC" },
	{ "AND", "Andorra", "AN" },
	{ "MCO", "Monaco", "MN" },
	{ "LIE", "Liechtenstein", "LS" },
	{ "SMR", "San Marino", "SM" },
	{ "VAT", "Vatican City", "VT" },
	{ "PRI", "Puerto Rico", "RQ" },
	{ "GRL", "Greenland", "GL" },
	{ "MAC", "Macau", "MC" },
	{ "NRU", "Nauru", "NR" },
	{ "TUV", "Tuvalu", "TV" },
	{ "MHL", "Marshall Islands", "RM" },
	{ "FSM", "Micronesia", "FM" },
	{ "PLW", "Palau", "PS" },
	{ "ABW", "Aruba", "AA" },
	{ "BMU", "Bermuda", "BD" },
	{ "CYM", "Cayman Islands", "CJ" },
};
#define NCOUNTRY (sizeof COUNTRIES / sizeof COUNTRIES[0])

/* Places (geo types 2-4) for the more prominent countries. */
struct place {
	const char *iso3;
	int type;
	const char *full, *adm1, *lat, *lon, *feature, *actor_name;
};

static const struct place PLACES[] = {
	{ "USA", 3, "Washington, District of Columbia, United States", "USDC", "38.8951",
	  "-77.0364", "531871", "WASHINGTON" },
	{ "USA", 3, "White House, District of Columbia, United States", "USDC", "38.8951",
	  "-77.0367", "531871", "WHITE HOUSE" },
	{ "USA", 3, "New York, New York, United States", "USNY", "40.7143", "-74.006", "977396",
	  "NEW YORK" },
	{ "USA", 3, "Los Angeles, California, United States", "USCA", "34.0522", "-118.244",
	  "1662328", "LOS ANGELES" },
	{ "USA", 3, "Chicago, Illinois, United States", "USIL", "41.85", "-87.6501", "423587",
	  "CHICAGO" },
	{ "USA", 3, "Houston, Texas, United States", "USTX", "29.7633", "-95.3633", "1380948",
	  "HOUSTON" },
	{ "USA", 2, "Texas, United States", "USTX", "31.106", "-97.6475", "TX", "TEXAS" },
	{ "USA", 2, "California, United States", "USCA", "36.17", "-119.746", "CA", "CALIFORNIA" },
	{ "USA", 2, "Florida, United States", "USFL", "27.8333", "-81.717", "FL", "FLORIDA" },
	{ "GBR", 4, "London, London, City of, United Kingdom", "UKH9", "51.5", "-0.116667",
	  "-2601889", "LONDON" },
	{ "GBR", 4, "Manchester, Manchester, United Kingdom", "UKI2", "53.5", "-2.21667",
	  "-2604469", "MANCHESTER" },
	{ "CHN", 4, "Beijing, Beijing, China", "CH22", "39.9289", "116.388", "-1898541",
	  "BEIJING" },
	{ "CHN", 4, "Shanghai, Shanghai, China", "CH23", "31.2222", "121.458", "-1928631",
	  "SHANGHAI" },
	{ "RUS", 4, "Moscow, Moskva, Russia", "RS48", "55.7522", "37.6156", "-2960561", "MOSCOW" },
	{ "IND", 4, "New Delhi, Delhi, India", "IN07", "28.6", "77.2", "-2106102", "NEW DELHI" },
	{ "IND", 4, "Mumbai, Maharashtra, India", "IN16", "18.975", "72.8258", "-2103396",
	  "MUMBAI" },
	{ "ISR", 4, "Jerusalem, Israel (general), Israel", "IS00", "31.7833", "35.2167", "-797475",
	  "JERUSALEM" },
	{ "PAK", 4, "Islamabad, Islamabad, Pakistan", "PK08", "33.7", "73.1667", "-2764524",
	  "ISLAMABAD" },
	{ "AUS", 4, "Sydney, New South Wales, Australia", "AS02", "-33.8833", "151.217", "-1603135",
	  "SYDNEY" },
	{ "AUS", 4, "Canberra, Australian Capital Territory, Australia", "AS01", "-35.2833",
	  "149.217", "-1563952", "CANBERRA" },
	{ "FRA", 4, "Paris, Ile-de-France, France", "FRA8", "48.8667", "2.33333", "-1456928",
	  "PARIS" },
	{ "CAN", 4, "Ottawa, Ontario, Canada", "CA08", "45.4167", "-75.7", "-570760", "OTTAWA" },
	{ "CAN", 4, "Vancouver, British Columbia, Canada", "CA02", "49.25", "-123.133", "-575268",
	  "VANCOUVER" },
	{ "DEU", 4, "Berlin, Berlin, Germany", "GM16", "52.5167", "13.4", "-1746443", "BERLIN" },
	{ "JPN", 4, "Tokyo, Tokyo, Japan", "JA40", "35.685", "139.751", "-246227", "TOKYO" },
	{ "IRN", 4, "Tehran, Tehran, Iran", "IR26", "35.6719", "51.4244", "10074674", "TEHRAN" },
	{ "SYR", 4, "Damascus, Dimashq, Syria", "SY13", "33.5", "36.3", "-3035870", "DAMASCUS" },
	{ "SYR", 4, "Aleppo, Halab, Syria", "SY09", "36.2028", "37.1586", "-3034651", "ALEPPO" },
	{ "TUR", 4, "Ankara, Ankara, Turkey", "TU68", "39.9272", "32.8644", "-735017", "ANKARA" },
	{ "TUR", 4, "Istanbul, Istanbul, Turkey", "TU34", "41.0186", "28.9647", "-755491",
	  "ISTANBUL" },
	{ "AFG", 4, "Kabul, Kabol, Afghanistan", "AF13", "34.5167", "69.1833", "-3378435",
	  "KABUL" },
	{ "IRQ", 4, "Baghdad, Baghdad, Iraq", "IZ07", "33.3386", "44.3939", "-3081079", "BAGHDAD" },
	{ "NGA", 4, "Abuja, Federal Capital Territory, Nigeria", "NI11", "9.08333", "7.53333",
	  "-2005454", "ABUJA" },
	{ "NGA", 4, "Lagos, Lagos, Nigeria", "NI05", "6.45306", "3.39583", "-2013243", "LAGOS" },
	{ "ZAF", 4, "Johannesburg, Gauteng, South Africa", "SF06", "-26.2", "28.0833", "-1253184",
	  "JOHANNESBURG" },
	{ "PRK", 4, "Pyongyang, P'yongyang-si, North Korea", "KN12", "39.0194", "125.755",
	  "-1263315", "PYONGYANG" },
	{ "KOR", 4, "Seoul, Seoul-t'ukpyolsi, South Korea", "KS11", "37.5664", "127", "-716584",
	  "SEOUL" },
	{ "EGY", 4, "Cairo, Al Qahirah, Egypt", "EG11", "30.05", "31.25", "-290692", "CAIRO" },
	{ "MEX", 4, "Mexico City, Distrito Federal, Mexico", "MX09", "19.4342", "-99.1386",
	  "-1658079", "MEXICO CITY" },
	{ "SAU", 4, "Riyadh, Ar Riyad, Saudi Arabia", "SA10", "24.6408", "46.7728", "-3098542",
	  "RIYADH" },
	{ "UKR", 4, "Kiev, Kyyiv, Misto, Ukraine", "UP12", "50.4333", "30.5167", "-1044367",
	  "KIEV" },
	{ "PHL", 4, "Manila, Manila, Philippines", "RPD9", "14.6042", "120.982", "-2437790",
	  "MANILA" },
	{ "ITA", 4, "Rome, Lazio, Italy", "IT07", "41.9", "12.4833", "-126693", "ROME" },
	{ "BRA", 4, "Brasilia, Distrito Federal, Brazil", "BR07", "-15.7833", "-47.9167", "-594774",
	  "BRASILIA" },
	{ "KEN", 4, "Nairobi, Nairobi Area, Kenya", "KE05", "-1.28333", "36.8167", "-1487219",
	  "NAIROBI" },
	{ "VEN", 4, "Caracas, Distrito Federal, Venezuela", "VE25", "10.5", "-66.9167", "-1622633",
	  "CARACAS" },
};
#define NPLACE (sizeof PLACES / sizeof PLACES[0])

struct role {
	const char *type, *names[3];
};

static const struct role ROLES[] = {
	{ "GOV", { "GOVERNMENT", "PRESIDENT", "PRIME MINISTER" } },
	{ "GOV", { "MINISTRY", "CABINET", "FOREIGN MINISTER" } },
	{ "MIL", { "MILITARY", "ARMY", "SOLDIER" } },
	{ "COP", { "POLICE", "POLICE OFFICER", "SECURITY FORCE" } },
	{ "JUD", { "COURT", "JUDGE", "ATTORNEY" } },
	{ "LEG", { "PARLIAMENT", "SENATE", "LAWMAKER" } },
	{ "BUS", { "COMPANY", "BUSINESS", "BANK" } },
	{ "MED", { "JOURNALIST", "NEWSPAPER", "REPORTER" } },
	{ "EDU", { "UNIVERSITY", "STUDENT", "SCHOOL" } },
	{ "CVL", { "CITIZEN", "RESIDENT", "COMMUNITY" } },
	{ "OPP", { "OPPOSITION", "PROTESTER", "ACTIVIST" } },
	{ "REB", { "REBEL", "INSURGENT", "MILITANT" } },
	{ "CRM", { "CRIMINAL", "GANG", "SMUGGLER" } },
	{ "SPY", { "INTELLIGENCE", "SPY AGENCY", "SECRET SERVICE" } },
	{ "HLH", { "HOSPITAL", "DOCTOR", "HEALTH MINISTRY" } },
	{ "LAB", { "UNION", "WORKER", "LABOR UNION" } },
	{ "REF", { "REFUGEE", "MIGRANT", "ASYLUM SEEKER" } },
	{ "AGR", { "FARMER", "AGRICULTURE", "PEASANT" } },
};
#define NROLE (sizeof ROLES / sizeof ROLES[0])

struct group {
	const char *code, *name, *group, *type;
};

static const struct group GROUPS[] = {
	{ "IGOUNO", "UNITED NATIONS", "UNO", "IGO" },
	{ "IGOEUREEC", "EUROPEAN UNION", "EEC", "IGO" },
	{ "IGONAT", "NATO", "NAT", "IGO" },
	{ "IGOAFRAFR", "AFRICAN UNION", "AFR", "IGO" },
	{ "NGOHRI", "HUMAN RIGHTS WATCH", "HRW", "NGO" },
	{ "IGOWTO", "WORLD TRADE ORGANIZATION", "WTO", "IGO" },
	{ "IGOIMF", "INTERNATIONAL MONETARY FUND", "IMF", "IGO" },
};
#define NGROUP (sizeof GROUPS / sizeof GROUPS[0])

static const char *const RELIGIONS[] = { "CHR", "MOS", "JEW", "HIN", "BUD", "CTH", "SHI", "SUN" };
static const char *const ETHNICS[] = { "kur", "pas", "bal", "uig", "tam", "ara", "hau", "yor" };

/* CAMEO events: code, base, root, QuadClass, Goldstein, relative frequency. */
struct event {
	const char *code, *base, *root, *quad, *goldstein;
	uint32_t weight;
};

static const struct event EVENTS[] = {
	{ "010", "010", "01", "1", "0.0", 430 },   { "011", "011", "01", "1", "-0.1", 40 },
	{ "012", "012", "01", "1", "-0.4", 130 },  { "013", "013", "01", "1", "0.4", 110 },
	{ "014", "014", "01", "1", "0.0", 20 },    { "015", "015", "01", "1", "0.0", 60 },
	{ "016", "016", "01", "1", "-2.0", 30 },   { "017", "017", "01", "1", "0.0", 30 },
	{ "018", "018", "01", "1", "3.4", 20 },    { "019", "019", "01", "1", "3.4", 10 },
	{ "020", "020", "02", "1", "3.0", 410 },   { "026", "026", "02", "1", "4.0", 30 },
	{ "0241", "024", "02", "1", "-0.3", 10 },  { "030", "030", "03", "1", "4.0", 70 },
	{ "036", "036", "03", "1", "4.0", 190 },   { "0311", "031", "03", "1", "5.2", 10 },
	{ "040", "040", "04", "1", "1.0", 260 },   { "042", "042", "04", "1", "1.9", 350 },
	{ "043", "043", "04", "1", "2.8", 340 },   { "044", "044", "04", "1", "2.5", 30 },
	{ "045", "045", "04", "1", "5.0", 10 },    { "046", "046", "04", "1", "7.0", 160 },
	{ "050", "050", "05", "1", "3.5", 40 },    { "051", "051", "05", "1", "3.4", 260 },
	{ "057", "057", "05", "1", "8.0", 30 },    { "060", "060", "06", "2", "6.0", 60 },
	{ "061", "061", "06", "2", "6.4", 20 },    { "070", "070", "07", "2", "7.0", 50 },
	{ "071", "071", "07", "2", "7.4", 10 },    { "073", "073", "07", "2", "7.4", 30 },
	{ "081", "081", "08", "2", "5.0", 30 },    { "0834", "083", "08", "2", "5.0", 10 },
	{ "084", "084", "08", "2", "7.0", 120 },   { "0874", "087", "08", "2", "10.0", 20 },
	{ "090", "090", "09", "3", "-2.0", 50 },   { "100", "100", "10", "3", "-5.0", 60 },
	{ "110", "110", "11", "3", "-2.0", 100 },  { "111", "111", "11", "3", "-2.0", 110 },
	{ "112", "112", "11", "3", "-2.0", 130 },  { "114", "114", "11", "3", "-2.0", 70 },
	{ "120", "120", "12", "3", "-4.0", 100 },  { "124", "124", "12", "3", "-4.0", 30 },
	{ "125", "125", "12", "3", "-5.0", 20 },   { "130", "130", "13", "3", "-4.4", 80 },
	{ "138", "138", "13", "3", "-7.0", 20 },   { "141", "141", "14", "4", "-6.5", 50 },
	{ "145", "145", "14", "4", "-7.5", 10 },   { "150", "150", "15", "4", "-7.2", 10 },
	{ "160", "160", "16", "4", "-4.0", 30 },   { "163", "163", "16", "4", "-8.0", 10 },
	{ "172", "172", "17", "4", "-5.0", 30 },   { "173", "173", "17", "4", "-5.0", 210 },
	{ "174", "174", "17", "4", "-5.0", 20 },   { "180", "180", "18", "4", "-9.0", 20 },
	{ "1821", "182", "18", "4", "-9.0", 10 },  { "183", "183", "18", "4", "-10.0", 10 },
	{ "190", "190", "19", "4", "-10.0", 190 }, { "193", "193", "19", "4", "-10.0", 130 },
	{ "194", "194", "19", "4", "-10.0", 20 },  { "195", "195", "19", "4", "-10.0", 10 },
	{ "200", "200", "20", "4", "-10.0", 5 },
};
#define NEVENT (sizeof EVENTS / sizeof EVENTS[0])

static const char *const DOMAINS[] = {
	"www.nytimes.com",
	"www.washingtonpost.com",
	"www.theguardian.com",
	"www.reuters.com",
	"www.aljazeera.com",
	"www.bbc.co.uk",
	"www.thehindu.com",
	"www.dawn.com",
	"www.scmp.com",
	"www.japantimes.co.jp",
	"www.rt.com",
	"www.dailystar.com.lb",
	"www.abc.net.au",
	"www.cbc.ca",
	"www.france24.com",
	"www.dw.com",
	"www.timesofisrael.com",
	"www.hurriyetdailynews.com",
	"www.premiumtimesng.com",
	"www.news24.com",
	"www.koreaherald.com",
	"www.ahram.org.eg",
	"www.arabnews.com",
	"www.kyivpost.com",
	"newsinfo.inquirer.net",
	"www.straitstimes.com",
	"www.nation.co.ke",
	"www.stuff.co.nz",
	"www.irishtimes.com",
	"wtop.com",
	"www.newspressnow.com",
	"www.chicagotribune.com",
	"www.morningstaronline.co.uk",
	"www.dailyexcelsior.com",
	"www.qchron.com",
	"lompocrecord.com",
	"www.thejournal.ie",
	"aninews.in",
	"www.foxnews.com",
	"www.yahoo.com",
	"www.msn.com",
	"www.bignewsnetwork.com",
};
#define NDOMAIN (sizeof DOMAINS / sizeof DOMAINS[0])

static const char *const SECTIONS[] = {
	"news",
	"world",
	"politics",
	"news/world",
	"world/asia",
	"world/europe",
	"news/national",
	"news/local",
	"business",
	"opinion",
	"world/middle-east",
	"news/politics",
	"africa",
	"americas",
	"nation",
	"story",
	"article",
};
#define NSECTION (sizeof SECTIONS / sizeof SECTIONS[0])

static const char *const WORDS[] = {
	"president",  "minister", "talks",     "tariffs",    "trade",     "war",        "sanctions",
	"meets",      "visit",    "says",      "warns",      "rejects",   "accuses",    "police",
	"arrest",     "protest",  "election",  "vote",       "court",     "ruling",     "attack",
	"killed",     "soldiers", "border",    "deal",       "agreement", "summit",     "leaders",
	"nuclear",    "missile",  "test",      "threat",     "crisis",    "refugees",   "aid",
	"economy",    "oil",      "gas",       "pipeline",   "china",     "russia",     "us",
	"india",      "pakistan", "iran",      "israel",     "syria",     "turkey",     "eu",
	"uk",         "trump",    "putin",     "xi",         "modi",      "khan",       "erdogan",
	"macron",     "merkel",   "may",       "brexit",     "nato",      "un",         "security",
	"council",    "human",    "rights",    "opposition", "leader",    "government", "new",
	"after",      "over",     "amid",      "calls",      "for",       "to",         "on",
	"in",         "of",       "and",       "the",        "with",      "against",    "first",
	"talk",       "plan",     "ban",       "strike",     "cyber",     "hackers",    "spy",
	"embassy",    "envoy",    "ceasefire", "peace",      "military",  "drills",     "navy",
	"investment",
};
#define NWORD (sizeof WORDS / sizeof WORDS[0])

/* ------------------------------------------------------------- output -- */

#define OUTBUF (1u << 22)
static char out[OUTBUF + 4096];
static size_t outlen;

static void flush_out(void)
{
	if (outlen && fwrite(out, 1, outlen, stdout) != outlen) {
		perror("gen_gdelt: write");
		exit(1);
	}
	outlen = 0;
}

static void put_s(const char *s)
{
	size_t n = strlen(s);
	memcpy(out + outlen, s, n);
	outlen += n;
}

static void put_c(char c)
{
	out[outlen++] = c;
}
static void tab(void)
{
	out[outlen++] = '\t';
}

static void put_u(uint64_t v)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		out[outlen++] = tmp[--n];
}

/* v with exactly `width` digits, zero-padded. */
static void put_u0(uint64_t v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[outlen + (size_t)i] = (char)('0' + v % 10);
		v /= 10;
	}
	outlen += (size_t)width;
}

/* Fixed-point value (units of 10^-dec) printed like GDELT: trailing zeros cut. */
static void put_fixed(int64_t v, int dec)
{
	uint64_t scale = 1;
	for (int i = 0; i < dec; i++)
		scale *= 10;
	if (v < 0) {
		put_c('-');
		v = -v;
	}
	uint64_t ip = (uint64_t)v / scale, fp = (uint64_t)v % scale;
	put_u(ip);
	if (fp) {
		while (fp % 10 == 0) {
			fp /= 10;
			dec--;
		}
		put_c('.');
		put_u0(fp, dec);
	}
}

/* -------------------------------------------------------------- dates -- */

static const int MDAYS[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

/* Day index from 2018-01-01 (0..364, or beyond into 2019) to y, m, d. */
static void day_to_date(int idx, int *y, int *m, int *d)
{
	*y = 2018;
	while (idx >= 365) { /* 2018 and 2019 are not leap years */
		idx -= 365;
		(*y)++;
	}
	int mo = 0;
	while (idx >= MDAYS[mo])
		idx -= MDAYS[mo++];
	*m = mo + 1;
	*d = idx + 1;
}

/* ---------------------------------------------------------------- geo -- */

struct geo {
	int type; /* 0 = none */
	const char *full, *cc, *adm1, *lat, *lon, *feature;
};

static char country_lat[NCOUNTRY][16], country_lon[NCOUNTRY][16];
static char country_upper[NCOUNTRY][48];
static int place_first[NCOUNTRY], place_count[NCOUNTRY];
static uint32_t country_cum[NCOUNTRY], event_cum[NEVENT];

static void geo_for(size_t c, int place, struct geo *g)
{
	if (place >= 0) {
		const struct place *p = &PLACES[place];
		g->type = p->type;
		g->full = p->full;
		g->cc = COUNTRIES[c].fips;
		g->adm1 = p->adm1;
		g->lat = p->lat;
		g->lon = p->lon;
		g->feature = p->feature;
	} else {
		g->type = 1;
		g->full = COUNTRIES[c].name;
		g->cc = COUNTRIES[c].fips;
		g->adm1 = COUNTRIES[c].fips;
		g->lat = country_lat[c];
		g->lon = country_lon[c];
		g->feature = COUNTRIES[c].fips;
	}
}

static void put_geo(const struct geo *g)
{
	if (g->type == 0) {
		put_s("0\t\t\t\t\t\t");
		return;
	}
	put_u((uint64_t)g->type);
	tab();
	put_s(g->full);
	tab();
	put_s(g->cc);
	tab();
	put_s(g->adm1);
	tab();
	put_s(g->lat);
	tab();
	put_s(g->lon);
	tab();
	put_s(g->feature);
}

/* ------------------------------------------------------------- actors -- */

/* An actor side: its 10 columns and its location. */
/* ------------------------------------------------------ actor codes -- */

/*
 * A minted code: its country and its number within that country, which
 * spells its roles: 1-18 one role ("USAGOV"), then two ("USAGOVMIL"), then
 * three, then three and an ethnic or religious code ("USAGOVMILLEGkur").
 */
struct code {
	uint16_t country;
	uint32_t n;
};
/* ROLES' distinct types (GOV is there twice): role_type[i] indexes ROLES. */
static size_t role_type[NROLE], ntype;
#define NSUFFIX (ntype + ntype * ntype + ntype * ntype * ntype * 17)
#define USES_MAX (draws_expected + draws_expected / 4 + 1024)

static struct code *codes;   /* minted so far */
static uint32_t *uses;       /* every draw of a minted code so far, as an index into codes */
static size_t ncodes, nuses; /* ncodes <= mint_target, nuses <= draws_expected + slack */
static size_t mint_target;   /* codes to mint in the file */
static uint64_t draws_expected;
static uint32_t country_minted[NCOUNTRY];

static void *xalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "gen_gdelt: out of memory\n");
		exit(1);
	}
	return p;
}

/*
 * The code of a country actor that is not the country itself: a new one
 * while the file is behind its Heaps curve, minted / target < (draws /
 * expected)^(2/3) (in integers, cubed), else one drawn before, chosen in
 * proportion to its uses. Sets *c to the code's country.
 */
static void code_draw(size_t *c, char *code, size_t size, const char **name, const char **type)
{
	typedef unsigned __int128 u128;
	u128 m = ncodes, t = mint_target, j = nuses + 1, e = draws_expected;
	int behind = m * m * m * e * e < j * j * t * t * t;
	size_t k;
	if (ncodes < mint_target && (ncodes == 0 || behind)) {
		size_t cc = *c;
		while (country_minted[cc] >= NSUFFIX) /* this country's codes are used up */
			cc = (cc + 1) % NCOUNTRY;
		codes[ncodes].country = (uint16_t)cc;
		codes[ncodes].n = country_minted[cc]++;
		k = ncodes++;
	} else if (ncodes) {
		k = uses[(size_t)(((next64() >> 32) * (uint64_t)nuses) >> 32)];
	} else { /* CODES 0: the legacy fixed table */
		const struct role *r = &ROLES[below(NROLE)];
		snprintf(code, size, "%s%s", COUNTRIES[*c].iso3, r->type);
		*name = r->names[below(3)];
		*type = r->type;
		return;
	}
	if (nuses < USES_MAX)
		uses[nuses++] = (uint32_t)k;
	*c = codes[k].country;
	uint32_t n = codes[k].n, roles[3], nroles, extra = 0, nt = (uint32_t)ntype;
	if (n < nt) {
		nroles = 1;
	} else if ((n -= nt) < nt * nt) {
		nroles = 2;
	} else {
		n -= nt * nt;
		nroles = 3;
		extra = n / (nt * nt * nt); /* 0: none, 1-8 ethnic, 9-16 religious */
		n %= nt * nt * nt;
	}
	for (uint32_t i = 0; i < nroles; i++) {
		roles[i] = (uint32_t)role_type[n % nt];
		n /= nt;
	}
	size_t len = (size_t)snprintf(code, size, "%s", COUNTRIES[*c].iso3);
	for (uint32_t i = 0; i < nroles; i++)
		len += (size_t)snprintf(code + len, size - len, "%s", ROLES[roles[i]].type);
	if (extra)
		snprintf(code + len, size - len, "%s",
			 extra <= 8 ? ETHNICS[extra - 1] : RELIGIONS[extra - 9]);
	*name = ROLES[roles[nroles - 1]].names[codes[k].n % 3];
	*type = ROLES[roles[0]].type;
}

static void put_actor(int present, size_t c, int has_country, struct geo *g)
{
	char code[32];
	g->type = 0;
	if (!present) {
		put_s("\t\t\t\t\t\t\t\t\t"); /* 10 empty fields, 9 tabs */
		return;
	}
	const char *type = NULL, *group = NULL, *name = NULL;
	int place = -1;
	/* The code first: a code drawn again brings its own country. */
	uint32_t k = has_country ? below(100) : 0;
	if (has_country && k >= 45)
		code_draw(&c, code, sizeof code, &name, &type);
	if (place_count[c] && chance(60))
		place = place_first[c] + (int)below((uint32_t)place_count[c]);

	if (!has_country) {
		if (chance(20)) {
			const struct group *gr = &GROUPS[below(NGROUP)];
			snprintf(code, sizeof code, "%s", gr->code);
			name = gr->name;
			group = gr->group;
			type = gr->type;
		} else {
			const struct role *r = &ROLES[below(NROLE)];
			snprintf(code, sizeof code, "%s", r->type);
			name = r->names[below(3)];
			type = r->type;
		}
	} else if (k < 45) { /* the country itself: "CHN" / "CHINA" or a city name */
		snprintf(code, sizeof code, "%s", COUNTRIES[c].iso3);
		name = (place >= 0 && chance(40)) ? PLACES[place].actor_name : country_upper[c];
	}
	put_s(code);
	tab();
	put_s(name);
	tab();
	if (has_country)
		put_s(COUNTRIES[c].iso3);
	tab();
	if (group)
		put_s(group);
	tab();
	if (chance(2))
		put_s(ETHNICS[below(8)]);
	tab();
	if (chance(4))
		put_s(RELIGIONS[below(8)]);
	tab();
	tab(); /* Religion2Code */
	if (type)
		put_s(type);
	tab();
	if (type && chance(6))
		put_s(ROLES[below(NROLE)].type);
	tab(); /* Type3Code stays empty */

	if (chance(72)) {
		if (place < 0 && place_count[c] && chance(50))
			place = place_first[c] + (int)below((uint32_t)place_count[c]);
		geo_for(c, place, g);
	}
}

/* ---------------------------------------------------------------- URL -- */

static void hex_into(char *dst, int n)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < n; i++)
		dst[i] = hex[below(16)];
}

/* A news URL of exactly `len` characters (60..150), in one of four shapes:
 *   .../2018/07/28/slug-words-and-number/
 *   .../slug-words-and-number.html
 *   .../slug-words/article_<uuid>.html
 *   .../slug-words-and-number                                          */
static void put_url(int len, int y, int m, int d)
{
	size_t start = outlen;
	int shape = (int)below(4);
	char suffix[64] = "";
	put_s(chance(60) ? "https://" : "http://");
	put_s(DOMAINS[below(NDOMAIN)]);
	put_c('/');
	put_s(SECTIONS[below(NSECTION)]);
	put_c('/');
	if (shape == 0) {
		put_u0((uint64_t)y, 4);
		put_c('/');
		put_u0((uint64_t)m, 2);
		put_c('/');
		put_u0((uint64_t)d, 2);
		put_c('/');
		strcpy(suffix, "/");
	} else if (shape == 1) {
		strcpy(suffix, ".html");
	} else if (shape == 2) {
		memcpy(suffix, "/article_", 9);
		char *u = suffix + 9;
		hex_into(u, 8);
		u[8] = '-';
		hex_into(u + 9, 4);
		u[13] = '-';
		hex_into(u + 14, 4);
		u[18] = '-';
		hex_into(u + 19, 4);
		u[23] = '-';
		hex_into(u + 24, 12);
		memcpy(u + 36, ".html", 6);
	}
	size_t slen = strlen(suffix);
	size_t target = start + (size_t)len;
	target = target > outlen + slen + 1 ? target - slen : outlen + 1;
	int first = 1;
	for (;;) {
		const char *w = WORDS[below(NWORD)];
		size_t wl = strlen(w);
		if (outlen + wl + 1 + 3 > target)
			break;
		if (!first)
			put_c('-');
		put_s(w);
		first = 0;
	}
	/* Pad to the exact length with an article number. */
	if (outlen < target) {
		if (!first && target - outlen >= 2)
			put_c('-');
		while (outlen < target)
			put_c((char)('0' + below(10)));
	}
	put_s(suffix);
}

/* ---------------------------------------------------------------- row -- */

static void put_row(uint64_t id)
{
	/* Which sides are present: Actor2 empty in 17%, Actor1 empty in 8%. */
	uint32_t side = below(100);
	int a1 = side >= 8, a2 = side < 8 || side >= 25;
	size_t c1 = pick_cum(country_cum, NCOUNTRY);
	size_t c2 = chance(20) ? c1 : pick_cum(country_cum, NCOUNTRY);
	int k1 = !chance(22), k2 = !chance(22); /* actor carries a country code */

	int day = (int)below(365), y, m, d;
	day_to_date(day, &y, &m, &d);

	put_u(id);
	tab();
	put_u0((uint64_t)y, 4);
	put_u0((uint64_t)m, 2);
	put_u0((uint64_t)d, 2);
	tab();
	put_u0((uint64_t)y, 4);
	put_u0((uint64_t)m, 2);
	tab();
	put_u((uint64_t)y);
	tab();
	/* FractionDate as GDELT computes it: year + (month*30+day)/365, 4 decimals. */
	put_u((uint64_t)y);
	put_c('.');
	put_u0((uint64_t)(((m - 1) * 30 + d) * 10000 / 365), 4);
	tab();

	struct geo g1, g2, ga;
	put_actor(a1, c1, k1, &g1);
	tab();
	put_actor(a2, c2, k2, &g2);
	tab();

	const struct event *e = &EVENTS[pick_cum(event_cum, NEVENT)];
	put_c(chance(55) ? '1' : '0');
	tab();
	put_s(e->code);
	tab();
	put_s(e->base);
	tab();
	put_s(e->root);
	tab();
	put_s(e->quad);
	tab();
	put_s(e->goldstein);
	tab();

	/* NumMentions, NumSources, NumArticles: heavy-tailed small counts. */
	uint32_t bucket = below(100), mentions;
	if (bucket < 55)
		mentions = 1 + below(6);
	else if (bucket < 85)
		mentions = 6 + below(30);
	else if (bucket < 97)
		mentions = 36 + below(120);
	else
		mentions = 156 + below(900);
	uint32_t sources = 1 + below(mentions < 12 ? mentions : 12);
	uint32_t articles = mentions - (chance(20) ? below(mentions) : 0);
	put_u(mentions);
	tab();
	put_u(sources);
	tab();
	put_u(articles);
	tab();
	/* AvgTone: about -10..+6 with GDELT's 13-15 significant digits. */
	int64_t tone = (int64_t)below(16000000) - 10000000; /* units of 1e-6 */
	if (tone < 0)
		put_c('-');
	put_u((uint64_t)((tone < 0 ? -tone : tone) / 1000000));
	put_c('.');
	put_u0((uint64_t)((tone < 0 ? -tone : tone) % 1000000), 6);
	put_u0(next64() % 100000000ULL, 8);
	tab();

	put_geo(&g1);
	tab();
	put_geo(&g2);
	tab();
	/* ActionGeo: usually where one of the actors is. */
	uint32_t wa = below(100);
	if (wa < 60 && g1.type)
		ga = g1;
	else if (wa < 85 && g2.type)
		ga = g2;
	else if (wa < 90)
		geo_for(a1 ? c1 : c2, -1, &ga);
	else
		ga.type = 0;
	put_geo(&ga);
	tab();

	uint32_t lag = below(100);
	int added = day + (lag < 70 ? 0 : lag < 90 ? 1 : 2 + (int)below(6));
	int ay, am, ad;
	day_to_date(added, &ay, &am, &ad);
	put_u0((uint64_t)ay, 4);
	put_u0((uint64_t)am, 2);
	put_u0((uint64_t)ad, 2);
	tab();

	/* URL length 60..150, more of them near the middle (sum of two uniforms). */
	int len = 60 + (int)below(46) + (int)below(46);
	put_url(len, ay, am, ad);
	put_c('\n');
}

static void init_tables(void)
{
	for (size_t i = 0; i < NROLE; i++) {
		size_t j = 0;
		while (j < ntype && strcmp(ROLES[role_type[j]].type, ROLES[i].type) != 0)
			j++;
		if (j == ntype)
			role_type[ntype++] = i;
	}
	uint32_t acc = 0;
	for (size_t i = 0; i < NCOUNTRY; i++) {
		acc += 100000000u / (uint32_t)(i + 1); /* Zipf, exponent 1 */
		country_cum[i] = acc;
		size_t j = 0;
		for (const char *s = COUNTRIES[i].name; *s && j + 1 < sizeof country_upper[i]; s++)
			country_upper[i][j++] = (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s;
		country_upper[i][j] = 0;
		place_first[i] = -1;
		for (size_t p = 0; p < NPLACE; p++)
			if (strcmp(PLACES[p].iso3, COUNTRIES[i].iso3) == 0) {
				if (place_first[i] < 0)
					place_first[i] = (int)p;
				place_count[i]++;
			}
	}
	acc = 0;
	for (size_t i = 0; i < NEVENT; i++) {
		acc += EVENTS[i].weight;
		event_cum[i] = acc;
	}
	/* Country centroids: deterministic, plausible-looking coordinates. */
	uint64_t saved = rng_state;
	rng_state = 0x63656e74726f6964ULL;
	for (size_t i = 0; i < NCOUNTRY; i++) {
		size_t save = outlen;
		int64_t lat = (int64_t)below(1100000) - 450000; /* 1e-4 degrees */
		int64_t lon = (int64_t)below(3400000) - 1700000;
		if (chance(40)) { /* GDELT often has whole-degree centroids */
			lat -= lat % 10000;
			lon -= lon % 10000;
		}
		put_fixed(lat, 4);
		memcpy(country_lat[i], out + save, outlen - save);
		country_lat[i][outlen - save] = 0;
		outlen = save;
		put_fixed(lon, 4);
		memcpy(country_lon[i], out + save, outlen - save);
		country_lon[i][outlen - save] = 0;
		outlen = save;
	}
	rng_state = saved;
}

static int parse_count(const char *s, unsigned long long *v)
{
	char *end;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !(errno || end == s || *end || s[0] == '-');
}

int main(int argc, char **argv)
{
	unsigned long long rows, want;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_gdelt ROWS [CODES] > file.tsv\n");
		return 2;
	}
	if (!parse_count(argv[1], &rows) || (argc == 3 && !parse_count(argv[2], &want))) {
		fprintf(stderr, "gen_gdelt: ROWS and CODES must be non-negative integers\n");
		return 2;
	}
	if (argc == 2) { /* real GDELT's growth (the header): 2.22 * cbrt(ROWS^2) */
		uint64_t sq = (uint64_t)rows * rows, lo = 0, hi = 1u << 22;
		while (lo < hi) { /* the integer cube root */
			uint64_t mid = (lo + hi + 1) / 2;
			if (mid * mid * mid <= sq)
				lo = mid;
			else
				hi = mid - 1;
		}
		want = lo * 222 / 100;
	}
	/*
	 * Draws of a minted code: both sides present (92%, 83%) with a country
	 * code (78%) and not the country itself (55%). Countries (~200) and the
	 * actors without a country (~25) make up the rest of the distinct codes.
	 */
	init_tables();
	draws_expected = rows * 75075 / 100000; /* (0.92 + 0.83) * 0.78 * 0.55 */
	mint_target = want > 225 ? (size_t)(want - 225) : (want ? 1 : 0);
	if (mint_target > NCOUNTRY * (size_t)NSUFFIX)
		mint_target = NCOUNTRY * (size_t)NSUFFIX;
	codes = xalloc(mint_target * sizeof(*codes));
	uses = xalloc(USES_MAX * sizeof(*uses));
	for (unsigned long long i = 0; i < rows; i++) {
		put_row(740000000ULL + i);
		if (outlen >= OUTBUF)
			flush_out();
	}
	flush_out();
	free(codes);
	free(uses);
	if (fflush(stdout) != 0) {
		perror("gen_gdelt: write");
		return 1;
	}
	return 0;
}
