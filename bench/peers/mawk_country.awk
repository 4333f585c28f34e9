# Peer: the country graph with mawk.
#
#   mawk -F'\t' -f mawk_country.awk [-v out=EDGES_OUT] FILE
#
# Prints "edges N"; with out=EDGES_OUT writes the edge table (source TAB target
# TAB count TAB weight-sum with one decimal) sorted by source then target in
# byte order (through sort(1), LC_ALL=C), the same format as the pandas peers.
BEGIN { FS = "\t" }
$8 != "" && $18 != "" && $8 != $18 {
    k = $8 "\t" $18
    n[k]++
    w[k] += $31
}
END {
    edges = 0
    cmd = "LC_ALL=C sort -t '\t' -k1,1 -k2,2 > '" out "'"
    for (k in n) {
        edges++
        if (out != "") {
            s = sprintf("%.1f", w[k])
            if (s == "-0.0") s = "0.0"
            print k "\t" n[k] "\t" s | cmd
        }
    }
    if (out != "") close(cmd)
    print "edges " edges
}
