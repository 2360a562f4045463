package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of {@code arp -an}: {@code ? (192.168.2.2) at 52:54:0:55:1a:c8 on bridge100 ifscope [bridge]}.
 * The MAC is empty for {@code (incomplete)} entries.
 */
public record ArpEntry(Ipv4Address ip, Optional<MacAddress> mac, String iface, boolean permanent) {

    private static final Pattern LINE = Pattern.compile("^\\S+ \\(([0-9.]+)\\) at (\\S+) on (\\S+)(.*)$");

    public static List<ArpEntry> parseArpAn(String text) {
        List<ArpEntry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Validation<Ipv4Address> ip = Ipv4Address.parse(m.group(1));
            if (!ip.isValid()) {
                continue;
            }
            Optional<MacAddress> mac = LeaseParsers.optional(MacAddress.parse(m.group(2)));
            entries.add(new ArpEntry(ip.orThrow(), mac, m.group(3), m.group(4).contains("permanent")));
        }
        return entries;
    }
}
