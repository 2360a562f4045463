package io.pirack.core.net;

import io.pirack.core.validate.Hostname;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a bootptab the way macOS bootpd does (bootp-494, bootpd.tproj/bootpdfile.c), quirks
 * included, so PiRack can say exactly which entries will load:
 * <ul>
 *   <li>the file is read with {@code fgets} into a 256-byte buffer, so a line of 255 or more
 *       characters is split into pieces, each read as a line of its own;</li>
 *   <li>the last character of every piece is dropped as "the newline", so a file without a final
 *       newline loses the last character of its last line;</li>
 *   <li>lines starting with '#' or a space, and empty lines, are skipped; every line up to and
 *       including the first one starting with '%' is ignored;</li>
 *   <li>fields are {@code hostname hwtype hwaddr ipaddr [bootfile]}, split on spaces and tabs; the
 *       hostname buffer keeps at most 61 characters before bootpd truncates and misreads the rest of
 *       the line;</li>
 *   <li>hardware octets are split on ':' or '.' and read as hex; Ethernet (type 1) needs six of
 *       them; an all-zero address, 0.0.0.0 and 255.255.255.255 are rejected.</li>
 * </ul>
 * Text is handled as ISO-8859-1 so that one char is one byte of the file.
 */
public final class BootptabParser {

    /** fgets(line, 256, fp) reads at most this many bytes per call. */
    static final int FGETS_CHUNK = 255;
    /** Longest hostname bootpd reads without truncation (buffer 64, passed as 63, minus the NUL). */
    public static final int MAX_HOSTNAME = 61;
    private static final int HOSTNAME_FIELD = 63;
    private static final int TEMP_FIELD = 64;
    private static final int BOOTFILE_FIELD = 127;
    private static final int MAX_HW_OCTETS = 32;

    private BootptabParser() {
    }

    public static BootptabReport parse(byte[] content, Optional<Ipv4Subnet> subnet) {
        return parse(new String(content, StandardCharsets.ISO_8859_1), subnet);
    }

    public static BootptabReport parse(String text, Optional<Ipv4Subnet> subnet) {
        List<BootptabEntry> entries = new ArrayList<>();
        List<BootptabProblem> problems = new ArrayList<>();
        boolean skipToPercent = true;
        int physicalLine = 1;
        boolean atLineStart = true;
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            int newline = text.indexOf('\n', pos);
            int limit = Math.min(pos + FGETS_CHUNK, length);
            int chunkEnd = newline >= 0 && newline < limit ? newline + 1 : limit;
            String chunk = text.substring(pos, chunkEnd);
            int lineNumber = physicalLine;
            boolean continuation = !atLineStart;
            boolean endsLine = chunk.endsWith("\n");
            if (atLineStart && !endsLine && chunkEnd < length) {
                int fullEnd = newline >= 0 ? newline : length;
                problems.add(new BootptabProblem(lineNumber, Severity.ERROR, "line is " + (fullEnd - pos)
                        + " characters long; bootpd reads lines in pieces of 255 bytes, so it drops character "
                        + (FGETS_CHUNK) + " and reads the rest as another line (keep lines under "
                        + FGETS_CHUNK + " characters)"));
            }
            int nul = chunk.indexOf('\0');
            String effective = nul >= 0 ? chunk.substring(0, nul) : chunk;
            String line = effective.isEmpty() ? "" : effective.substring(0, effective.length() - 1);
            if (nul >= 0) {
                // bootpd reads the line as a C string: it ends at the NUL, and the character before it is cut as if it were the newline.
                problems.add(new BootptabProblem(lineNumber, Severity.WARNING, "line has a NUL byte at column " + (nul + 1)
                        + ": bootpd stops reading there and drops the character before it, so it reads '" + printable(line)
                        + "' and ignores '" + printable(chunk.substring(nul + 1).strip()) + "'; remove the NUL byte"));
            }
            boolean lostLastCharacter = chunkEnd == length && !endsLine && !effective.isEmpty();

            pos = chunkEnd;
            atLineStart = endsLine;
            if (endsLine) {
                physicalLine++;
            }

            boolean skipped = line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ' ';
            if (lostLastCharacter) {
                problems.add(new BootptabProblem(lineNumber, skipped || skipToPercent ? Severity.WARNING : Severity.ERROR,
                        "the file does not end with a newline, so bootpd drops the last character of this line ('"
                                + printable(effective.substring(effective.length() - 1)) + "')"));
            }
            if (skipped) {
                if (!skipToPercent && line.startsWith(" ") && !line.isBlank() && !line.trim().startsWith("#")) {
                    problems.add(new BootptabProblem(lineNumber, Severity.WARNING,
                            "line starts with a space, so bootpd skips it; remove the leading space if it is an entry"));
                }
                continue;
            }
            if (skipToPercent) {
                if (line.charAt(0) == '%') {
                    skipToPercent = false;
                } else {
                    problems.add(new BootptabProblem(lineNumber, Severity.WARNING,
                            "line comes before the '%%' line, so bootpd ignores it"));
                }
                continue;
            }
            if (line.charAt(0) == '%') {
                problems.add(new BootptabProblem(lineNumber, Severity.WARNING,
                        "a second '%' line is read as a host entry and rejected; only the first '%%' line is needed"));
                continue;
            }
            parseEntry(line, lineNumber, continuation, problems).ifPresent(entries::add);
        }
        if (skipToPercent) {
            problems.add(0, new BootptabProblem(0, Severity.ERROR,
                    "no line starting with '%' (the '%%' line): bootpd ignores every line before it, so it loads no entries"));
        }
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        List<BootptabProblem> all = new ArrayList<>(problems);
        all.addAll(crossChecks(entries, subnet));
        all.sort(java.util.Comparator.comparingInt(BootptabProblem::line));
        return new BootptabReport(entries, all, !skipToPercent, endsWithNewline);
    }

    /** One field as bootpd's S_getfield reads it, and where the next field starts. */
    private record Field(String text, boolean truncated, int next) {}

    /**
     * bootpd's S_getfield: skips blanks, copies up to {@code size - 2} characters; on truncation
     * the cursor stays on the last copied character, so the next field starts inside this one.
     */
    private static Field readField(String line, int from, int size) {
        int cursor = from;
        while (cursor < line.length() && (line.charAt(cursor) == ' ' || line.charAt(cursor) == '\t')) {
            cursor++;
        }
        StringBuilder value = new StringBuilder();
        int room = size - 1;
        while (cursor < line.length() && line.charAt(cursor) != ' ' && line.charAt(cursor) != '\t') {
            value.append(line.charAt(cursor));
            if (--room <= 0) {
                return new Field(value.toString(), true, cursor);
            }
            cursor++;
        }
        return new Field(value.toString(), false, cursor);
    }

    private static Optional<BootptabEntry> parseEntry(String line, int lineNumber, boolean continuation,
                                                      List<BootptabProblem> problems) {
        String where = continuation ? "the rest of an over-long line: " : "";
        Field hostname = readField(line, 0, HOSTNAME_FIELD);
        if (hostname.truncated()) {
            problems.add(error(lineNumber, where + "hostname '" + printable(line.split("[ \t]", 2)[0])
                    + "' is longer than " + MAX_HOSTNAME + " characters; bootpd truncates it and misreads the rest of the line"));
        }
        Field hwtypeField = readField(line, hostname.next(), TEMP_FIELD);
        Field hwaddrField = readField(line, hwtypeField.next(), TEMP_FIELD);
        Field ipField = readField(line, hwaddrField.next(), TEMP_FIELD);
        Field bootfile = readField(line, ipField.next(), BOOTFILE_FIELD);

        OptionalInt hwtype = CNumbers.scanDecimal(hwtypeField.text());
        if (hwtype.isEmpty()) {
            problems.add(error(lineNumber, where + "hardware type '" + printable(hwtypeField.text())
                    + "' is not a number (1 = Ethernet); bootpd cannot use this line"));
            return Optional.empty();
        }
        if (!hwtypeField.text().matches("[0-9]+")) {
            problems.add(warning(lineNumber, "hardware type '" + printable(hwtypeField.text()) + "' is read as "
                    + hwtype.getAsInt()));
        }
        Optional<String> hwaddress = parseHardwareAddress(hwaddrField.text(), hwtype.getAsInt(), lineNumber, where, problems);
        if (hwaddress.isEmpty()) {
            return Optional.empty();
        }
        String ipText = ipField.text();
        OptionalLong ip = CNumbers.inetAton(ipText);
        if (ip.isEmpty() || ip.getAsLong() == 0 || ip.getAsLong() == 0xffffffffL) {
            String why = ipText.isEmpty() ? "the IP address is missing"
                    : "IP address '" + printable(ipText) + "' is " + (ip.isEmpty() ? "not an address"
                    : ip.getAsLong() == 0 ? "0.0.0.0" : "the broadcast address 255.255.255.255");
            problems.add(error(lineNumber, where + why + "; bootpd skips this line"));
            return Optional.empty();
        }
        Ipv4Address address = new Ipv4Address((int) ip.getAsLong());
        if (!Ipv4Address.parse(ipText.strip()).isValid()) {
            problems.add(warning(lineNumber, "IP address '" + printable(ipText) + "' is not a plain dotted quad; bootpd reads it as "
                    + address));
        }
        if (line.endsWith("\r")) {
            problems.add(warning(lineNumber, "line ends with a carriage return (Windows line ending); save the file with Unix line endings"));
        }
        return Optional.of(new BootptabEntry(lineNumber, hostname.text(), hwtype.getAsInt(), hwaddress.get(), address,
                bootfile.text()));
    }

    private static Optional<String> parseHardwareAddress(String text, int hwtype, int lineNumber, String where,
                                                         List<BootptabProblem> problems) {
        if (text.isEmpty()) {
            problems.add(error(lineNumber, where + "the hardware address is missing; bootpd skips this line"));
            return Optional.empty();
        }
        String[] pieces = text.split("[:.]", -1);
        int count = Math.min(pieces.length, MAX_HW_OCTETS);
        StringBuilder normalised = new StringBuilder();
        boolean allZero = true;
        for (int i = 0; i < count; i++) {
            OptionalInt octet = CNumbers.scanHexByte(pieces[i]);
            if (octet.isEmpty()) {
                problems.add(error(lineNumber, where + "hardware address '" + printable(text) + "': octet " + (i + 1) + " ('"
                        + printable(pieces[i]) + "') is not hex; bootpd skips this line"));
                return Optional.empty();
            }
            if (!pieces[i].matches("[0-9A-Fa-f]{1,2}")) {
                problems.add(warning(lineNumber, "hardware address '" + printable(text) + "': octet " + (i + 1) + " ('"
                        + printable(pieces[i]) + "') is not one or two hex digits; bootpd reads it as "
                        + String.format(Locale.ROOT, "%02x", octet.getAsInt())));
            }
            allZero &= octet.getAsInt() == 0;
            if (i > 0) {
                normalised.append(':');
            }
            normalised.append(String.format(Locale.ROOT, "%02x", octet.getAsInt()));
        }
        if (allZero) {
            problems.add(error(lineNumber, where + "hardware address '" + printable(text) + "' is all zeros; bootpd skips this line"));
            return Optional.empty();
        }
        if (hwtype == BootptabEntry.HTYPE_ETHERNET && count != 6) {
            problems.add(error(lineNumber, where + "hardware address '" + printable(text) + "' has " + count
                    + " octets; an Ethernet address (hardware type 1) needs exactly 6, so bootpd skips this line"));
            return Optional.empty();
        }
        return Optional.of(normalised.toString());
    }

    /** PiRack's own rules over the loaded entries: names, subnet, duplicates. */
    private static List<BootptabProblem> crossChecks(List<BootptabEntry> entries, Optional<Ipv4Subnet> subnet) {
        List<BootptabProblem> problems = new ArrayList<>();
        Map<String, BootptabEntry> byHardware = new HashMap<>();
        Map<Ipv4Address, BootptabEntry> byIp = new HashMap<>();
        Map<String, BootptabEntry> byName = new HashMap<>();
        for (BootptabEntry entry : entries) {
            int line = entry.line();
            var name = Hostname.parseSingleLabel(entry.hostname());
            if (!name.isValid()) {
                problems.add(error(line, name.message()));
            }
            subnet.ifPresent(net -> problems.addAll(subnetProblems(line, entry.ip(), net)));
            BootptabEntry sameHardware = byHardware.putIfAbsent(entry.hwtype() + "/" + entry.hwaddress(), entry);
            if (sameHardware != null) {
                problems.add(error(line, "duplicate hardware address " + entry.hwaddress() + " (also on line "
                        + sameHardware.line() + " for " + sameHardware.hostname() + "); bootpd uses only one of them"));
            }
            BootptabEntry sameIp = byIp.putIfAbsent(entry.ip(), entry);
            if (sameIp != null) {
                problems.add(error(line, "duplicate IP address " + entry.ip() + " (also on line " + sameIp.line() + " for "
                        + sameIp.hostname() + ")"));
            }
            BootptabEntry sameName = byName.putIfAbsent(entry.hostname().toLowerCase(Locale.ROOT), entry);
            if (sameName != null) {
                problems.add(error(line, "duplicate hostname " + entry.hostname() + " (also on line " + sameName.line() + ")"));
            }
        }
        return problems;
    }

    /** Why an address cannot be a Pi's static address on this subnet (empty when it can). */
    public static List<BootptabProblem> subnetProblems(int line, Ipv4Address ip, Ipv4Subnet subnet) {
        if (!subnet.contains(ip)) {
            return List.of(error(line, "IP address " + ip + " is outside the subnet " + subnet
                    + "; bootpd only hands out static addresses on the subnet of the interface"));
        }
        String role = ip.equals(subnet.network()) ? "the network address"
                : ip.equals(subnet.broadcast()) ? "the broadcast address"
                : ip.equals(subnet.gateway()) ? "the gateway (this computer's own address)" : null;
        return role == null ? List.of() : List.of(error(line, "IP address " + ip + " is " + role + " of " + subnet));
    }

    private static BootptabProblem error(int line, String message) {
        return new BootptabProblem(line, Severity.ERROR, message);
    }

    private static BootptabProblem warning(int line, String message) {
        return new BootptabProblem(line, Severity.WARNING, message);
    }

    /** Shows control characters so a message never carries a raw CR or tab. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
