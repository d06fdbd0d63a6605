package dev.exacme.store.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A security descriptor in its SDDL form, as {@code ConvertSecurityDescriptorToStringSecurityDescriptor}
 * writes it: {@code O:owner G:group D:flags(ace)(ace)...}. Parsed into SIDs and access masks so
 * that rules can be compared whatever aliases Windows chose to print, and formatted back
 * with well-known SIDs only (never account names, which are localized).
 *
 * @param owner     the owner SID, empty if the descriptor does not carry one
 * @param daclFlags the DACL's flags ({@code P} protected, {@code AI} auto-inherited...)
 * @param aces      the DACL's entries in order
 */
public record SecurityDescriptor(Optional<String> owner, String daclFlags, List<Ace> aces) {

    /** SDDL's two-letter SID aliases for the accounts that matter to keys, as winnt.h's well-known SIDs. */
    static final Map<String, String> SID_ALIASES = Map.ofEntries(
            Map.entry("SY", "S-1-5-18"), Map.entry("BA", "S-1-5-32-544"), Map.entry("NS", "S-1-5-20"),
            Map.entry("LS", "S-1-5-19"), Map.entry("BU", "S-1-5-32-545"), Map.entry("AU", "S-1-5-11"),
            Map.entry("WD", "S-1-1-0"), Map.entry("CO", "S-1-3-0"), Map.entry("OW", "S-1-3-4"),
            Map.entry("IU", "S-1-5-4"), Map.entry("SU", "S-1-5-6"), Map.entry("AN", "S-1-5-7"),
            Map.entry("PU", "S-1-5-32-547"), Map.entry("BO", "S-1-5-32-551"), Map.entry("SO", "S-1-5-32-549"),
            Map.entry("IS", "S-1-5-32-568"), Map.entry("NU", "S-1-5-2"), Map.entry("RD", "S-1-5-32-555"));

    /**
     * SDDL's right aliases as access-mask bits. Values from winnt.h ({@code FILE_ALL_ACCESS},
     * {@code FILE_GENERIC_READ}, {@code KEY_ALL_ACCESS}...), checked against the mingw-w64
     * headers by a test.
     */
    static final Map<String, Integer> RIGHT_ALIASES = Map.ofEntries(
            Map.entry("GA", 0x10000000), Map.entry("GR", 0x80000000), Map.entry("GW", 0x40000000),
            Map.entry("GX", 0x20000000), Map.entry("RC", 0x00020000), Map.entry("SD", 0x00010000),
            Map.entry("WD", 0x00040000), Map.entry("WO", 0x00080000), Map.entry("CC", 0x1), Map.entry("DC", 0x2),
            Map.entry("LC", 0x4), Map.entry("SW", 0x8), Map.entry("RP", 0x10), Map.entry("WP", 0x20),
            Map.entry("DT", 0x40), Map.entry("LO", 0x80), Map.entry("CR", 0x100),
            Map.entry("FA", 0x001F01FF), Map.entry("FR", 0x00120089), Map.entry("FW", 0x00120116),
            Map.entry("FX", 0x001200A0), Map.entry("KA", 0x000F003F), Map.entry("KR", 0x00020019),
            Map.entry("KW", 0x00020006), Map.entry("KX", 0x00020019));

    private static final Pattern SID = Pattern.compile("S-1-\\d+(-\\d+)+");
    private static final Pattern OTHER_ALIAS = Pattern.compile("[A-Z]{2}");
    private static final Pattern ACE = Pattern.compile("\\(([^;()]*);([^;()]*);([^;()]*);([^;()]*);([^;()]*);([^;()]*)\\)");

    /**
     * One access control entry.
     *
     * @param allow true for {@code A} (allow), false for {@code D} (deny)
     * @param flags inheritance flags as SDDL writes them ({@code ID} inherited, {@code CI}...)
     * @param mask  the access mask
     * @param sid   the trustee's SID
     */
    public record Ace(boolean allow, String flags, int mask, String sid) {

        /** Whether the entry was inherited from the folder rather than set on the object. */
        public boolean inherited() {
            return flags.contains("ID");
        }

        String sddl() {
            return "(" + (allow ? "A" : "D") + ";" + flags + ";0x" + Integer.toHexString(mask).toUpperCase() + ";;;"
                    + sid + ")";
        }
    }

    /** Copies the list. */
    public SecurityDescriptor {
        aces = List.copyOf(aces);
    }

    /**
     * Parses SDDL text.
     *
     * @throws IllegalArgumentException naming the part it cannot read
     */
    public static SecurityDescriptor parse(String sddl) {
        var owner = Optional.<String>empty();
        var daclFlags = "";
        var aces = new ArrayList<Ace>();
        var text = sddl.strip();
        var dacl = text.indexOf("D:");
        var ownerAt = text.indexOf("O:");
        if (ownerAt >= 0) {
            var end = firstOf(text, ownerAt + 2, "G:", "D:", "S:");
            owner = Optional.of(sid(text.substring(ownerAt + 2, end)));
        }
        if (dacl >= 0) {
            var end = firstOf(text, dacl + 2, "S:");
            var body = text.substring(dacl + 2, end);
            var open = body.indexOf('(');
            daclFlags = open < 0 ? body : body.substring(0, open);
            var matcher = ACE.matcher(open < 0 ? "" : body.substring(open));
            var consumed = 0;
            while (matcher.find()) {
                if (matcher.start() != consumed) {
                    throw new IllegalArgumentException("unreadable DACL entry in " + sddl);
                }
                consumed = matcher.end();
                var type = matcher.group(1);
                if (!type.equals("A") && !type.equals("D")) {
                    throw new IllegalArgumentException("unsupported entry type " + type + " in " + sddl);
                }
                aces.add(new Ace(type.equals("A"), matcher.group(2), mask(matcher.group(3)), sid(matcher.group(6))));
            }
        }
        return new SecurityDescriptor(owner, daclFlags, aces);
    }

    private static int firstOf(String text, int from, String... markers) {
        var end = text.length();
        for (var marker : markers) {
            var at = text.indexOf(marker, from);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return end;
    }

    /**
     * A SID from its SDDL form: {@code S-1-...}, a well-known alias as its SID, or another
     * two-letter alias kept as it is. The others are domain-relative ({@code DA} Domain Admins,
     * {@code DU}, {@code EA}...), which every domain-joined Exchange server prints and only
     * Windows can resolve; kept, they are written back unchanged and never confused with the
     * well-known accounts exacme requires (not yet run on Windows).
     */
    static String sid(String text) {
        if (SID.matcher(text).matches()) {
            return text;
        }
        var sid = SID_ALIASES.get(text);
        if (sid != null) {
            return sid;
        }
        if (OTHER_ALIAS.matcher(text).matches()) {
            return text;
        }
        throw new IllegalArgumentException("unknown SID alias " + text);
    }

    /** An access mask from its SDDL form: hex, decimal, or concatenated two-letter aliases. */
    static int mask(String text) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return (int) Long.parseLong(text.substring(2), 16);
        }
        if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
            return (int) Long.parseLong(text);
        }
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("unreadable access rights " + text);
        }
        var mask = 0;
        for (var i = 0; i < text.length(); i += 2) {
            var right = RIGHT_ALIASES.get(text.substring(i, i + 2));
            if (right == null) {
                throw new IllegalArgumentException("unknown access right " + text.substring(i, i + 2));
            }
            mask |= right;
        }
        return mask;
    }

    /** The DACL alone in SDDL, with SIDs and hex masks: what a DACL write takes. */
    public String daclSddl() {
        var text = new StringBuilder("D:").append(daclFlags);
        aces.forEach(ace -> text.append(ace.sddl()));
        return text.toString();
    }

    /** The same descriptor with other entries. */
    public SecurityDescriptor withAces(List<Ace> replacement) {
        return new SecurityDescriptor(owner, daclFlags, replacement);
    }
}
