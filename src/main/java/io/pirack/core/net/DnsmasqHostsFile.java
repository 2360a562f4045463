package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Linux equivalent of bootptab: {@code dhcp-host=} lines in a file of NetworkManager's
 * {@code /etc/NetworkManager/dnsmasq-shared.d/}. PiRack owns its file ({@link #FILE_NAME}) outright.
 */
public final class DnsmasqHostsFile {

    public static final String FILE_NAME = "pirack.conf";
    private static final String HEADER = "# Written by PiRack: fixed addresses for the rack's Pis. Edits here are replaced.\n";

    private DnsmasqHostsFile() {
    }

    /** One dhcp-host line: MAC, IP and hostname ({@code id:*} makes dnsmasq ignore client ids). */
    public static String render(List<StaticLease> leases) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (StaticLease lease : leases) {
            sb.append("dhcp-host=").append(lease.mac().canonical()).append(",id:*,").append(lease.ip()).append(',')
                    .append(lease.hostname()).append('\n');
        }
        return sb.toString();
    }

    /** A dhcp-host line read back: the MAC, IP and name it pins, and whether it ignores client ids. */
    public record HostLine(int line, Optional<MacAddress> mac, Optional<Ipv4Address> ip, String hostname, boolean ignoresClientId) {}

    public static List<HostLine> parse(String text) {
        List<HostLine> hosts = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("dhcp-host=")) {
                continue;
            }
            Optional<MacAddress> mac = Optional.empty();
            Optional<Ipv4Address> ip = Optional.empty();
            String hostname = "";
            boolean ignoresClientId = false;
            for (String field : line.substring("dhcp-host=".length()).split(",")) {
                Validation<MacAddress> asMac = field.matches("[0-9A-Fa-f:]{11,17}") ? MacAddress.parse(field) : Validation.invalid("");
                Validation<Ipv4Address> asIp = Ipv4Address.parse(field);
                if (field.equals("id:*")) {
                    ignoresClientId = true;
                } else if (asMac.isValid()) {
                    mac = Optional.of(asMac.orThrow());
                } else if (asIp.isValid()) {
                    ip = Optional.of(asIp.orThrow());
                } else if (!field.contains(":") && !field.isEmpty() && !field.matches("[0-9]+[mhdw]?|infinite|ignore")) {
                    hostname = field;
                }
            }
            hosts.add(new HostLine(i + 1, mac, ip, hostname, ignoresClientId));
        }
        return hosts;
    }
}
