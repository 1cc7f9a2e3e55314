# Deterministic bulk data for large.test. (appended to zones/large.test.zone).
# Usage: awk -v count=100000 -f gen-large.awk
# For i in [0, count): h<i as 6 digits>  A   198.18.0.0/15 address derived from i
#                                         TXT "large record <i>"
# Data addresses only (RFC 2544 benchmark range); nothing ever contacts them.
BEGIN {
    if (count == "") count = 100000
    if (count > 131072) count = 131072
    for (i = 0; i < count; i++) {
        name = sprintf("h%06d", i)
        printf "%s\tIN A\t198.%d.%d.%d\n", name, 18 + int(i / 65536), int(i / 256) % 256, i % 256
        printf "%s\tIN TXT\t\"large record %06d\"\n", name, i
    }
}
