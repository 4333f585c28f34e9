/*
 * types.c - the built-in event types: label, default weight on the Goldstein
 * scale (-10 most conflictual .. +10 most cooperative) and CAMEO QuadClass
 * (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
 * 4 material conflict). Weights are those of the CAMEO code named beside
 * each type (GDELT's Goldstein table); README lists them.
 */
#include <stdlib.h>

#include "dataset_impl.h"

static const gp_type builtin[] = {
	/* name, label, weight, quad, builtin, known        CAMEO code */
	{ "statement", "Statement", 0.0, 1, 1, 1 },                     /* 010 make statement */
	{ "appeal", "Appeal", 3.0, 1, 1, 1 },                           /* 020 appeal */
	{ "intent_to_cooperate", "Intent to cooperate", 4.0, 1, 1, 1 }, /* 03 */
	{ "consult", "Consultation", 1.0, 1, 1, 1 },                    /* 040 consult */
	{ "visit", "Visit", 1.9, 1, 1, 1 },                             /* 042 make a visit */
	{ "meeting", "Meeting", 2.5, 1, 1, 1 }, /* 044 meet at a third location */
	{ "talks", "Talks", 7.0, 1, 1, 1 },     /* 046 engage in negotiation */
	{ "diplomatic_cooperation", "Diplomatic cooperation", 3.5, 1, 1, 1 }, /* 05 */
	{ "agreement", "Agreement", 8.0, 1, 1, 1 },                 /* 057 sign formal agreement */
	{ "cooperation", "Cooperation", 6.0, 2, 1, 1 },             /* 060 material cooperation */
	{ "aid", "Aid", 7.0, 2, 1, 1 },                             /* 070 provide aid */
	{ "yield", "Concession", 5.0, 2, 1, 1 },                    /* 08 yield */
	{ "ceasefire", "Ceasefire", 9.0, 2, 1, 1 },                 /* 0871 declare ceasefire */
	{ "investigate", "Investigation", -2.0, 3, 1, 1 },          /* 09 investigate */
	{ "demand", "Demand", -5.0, 3, 1, 1 },                      /* 100 demand */
	{ "disapprove", "Disapproval", -2.0, 3, 1, 1 },             /* 110 disapprove */
	{ "accusation", "Accusation", -2.0, 3, 1, 1 },              /* 112 accuse */
	{ "denial", "Denial", -2.0, 3, 1, 1 },                      /* 016 deny responsibility */
	{ "rejection", "Rejection", -4.0, 3, 1, 1 },                /* 120 reject */
	{ "threat", "Threat", -4.4, 3, 1, 1 },                      /* 130 threaten */
	{ "deadline", "Deadline", -7.0, 3, 1, 1 },                  /* 139 give ultimatum */
	{ "protest", "Protest", -6.5, 4, 1, 1 },                    /* 140 protest */
	{ "force_posture", "Force posture", -7.2, 4, 1, 1 },        /* 15 exhibit force posture */
	{ "reduce_relations", "Reduced relations", -4.0, 4, 1, 1 }, /* 160 reduce relations */
	{ "sanction", "Sanction", -8.0, 4, 1, 1 },                  /* 163 impose sanctions */
	{ "tariff", "Tariff", -8.0, 4, 1, 1 },                      /* 163 impose embargo/boycott */
	{ "tariff_effective", "Tariff takes effect", -8.0, 4, 1, 1 }, /* 163 */
	{ "coerce", "Coercion", -7.0, 4, 1, 1 },                      /* 170 coerce */
	{ "cyber_espionage", "Cyber-espionage", -7.0, 4, 1, 1 },      /* 17 coerce (covert) */
	{ "cyber_attack", "Cyber-attack", -9.2, 4, 1, 1 },            /* 1712 destroy property */
	{ "assault", "Assault", -9.0, 4, 1, 1 },                      /* 18 assault */
	{ "military_action", "Military action", -10.0, 4, 1, 1 },     /* 190 fight */
	{ "mass_violence", "Mass violence", -10.0, 4, 1, 1 }, /* 20 unconventional mass violence */
};

/* CAMEO root codes 01..20 to the type each maps to (imported data). */
static const char *const cameo_roots[21] = {
	NULL,
	"statement",
	"appeal",
	"intent_to_cooperate",
	"consult",
	"diplomatic_cooperation",
	"cooperation",
	"aid",
	"yield",
	"investigate",
	"demand",
	"disapprove",
	"rejection",
	"threat",
	"protest",
	"force_posture",
	"reduce_relations",
	"coerce",
	"assault",
	"military_action",
	"mass_violence",
};

size_t gp_builtin_type_count(void)
{
	return sizeof(builtin) / sizeof(builtin[0]);
}

const gp_type *gp_builtin_type(size_t i)
{
	return i < gp_builtin_type_count() ? &builtin[i] : NULL;
}

const char *gp_cameo_root_type(int root)
{
	return root >= 1 && root <= 20 ? cameo_roots[root] : NULL;
}
