package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One running dnsmasq as {@code pgrep -a dnsmasq} lists it ({@code PID command line}). NetworkManager
 * starts its own with {@code --conf-dir=/etc/NetworkManager/dnsmasq-shared.d}; any other is one a
 * person started by hand (or a distribution service), whose fixed addresses PiRack does not write but
 * checks: the {@code dhcp-host} lines of its {@code --conf-dir} and the leases of its {@code --dhcp-leasefile}.
 */
public record DnsmasqProcess(String commandLine, Optional<String> interfaceName, Optional<Ipv4Address> rangeStart,
                             Optional<String> confDir, Optional<String> leaseFile) {

    /** dnsmasq's lease file when {@code --dhcp-leasefile} is not given (Debian's build). */
    public static final String DEFAULT_LEASE_FILE = "/var/lib/misc/dnsmasq.leases";

    public boolean startedByNetworkManager() {
        return commandLine.contains("NetworkManager");
    }

    /** The first dnsmasq in a {@code pgrep -a dnsmasq} listing that NetworkManager did not start. */
    public static Optional<DnsmasqProcess> byHand(String pgrepText) {
        return parsePgrep(pgrepText).stream().filter(p -> !p.startedByNetworkManager()).findFirst();
    }

    public static List<DnsmasqProcess> parsePgrep(String text) {
        List<DnsmasqProcess> processes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].chars().allMatch(Character::isDigit) || !words[1].endsWith("dnsmasq")) {
                continue;
            }
            Optional<String> device = Optional.empty();
            Optional<Ipv4Address> start = Optional.empty();
            Optional<String> confDir = Optional.empty();
            Optional<String> leaseFile = Optional.empty();
            for (String word : words) {
                if (word.startsWith("--interface=") || word.startsWith("-i=")) {
                    device = Optional.of(word.substring(word.indexOf('=') + 1));
                } else if (word.startsWith("--dhcp-range=")) {
                    String first = word.substring("--dhcp-range=".length()).split(",")[0];
                    start = Optional.of(Ipv4Address.parse(first)).filter(Validation::isValid).map(Validation::orThrow);
                } else if (word.startsWith("--conf-dir=")) {
                    // --conf-dir=DIR[,.ext…]: the extensions only filter which files are read.
                    confDir = Optional.of(word.substring("--conf-dir=".length()).split(",")[0]).filter(d -> d.startsWith("/"));
                } else if (word.startsWith("--dhcp-leasefile=")) {
                    leaseFile = Optional.of(word.substring("--dhcp-leasefile=".length())).filter(f -> f.startsWith("/"));
                }
            }
            processes.add(new DnsmasqProcess(line.strip().substring(words[0].length()).strip(), device, start, confDir, leaseFile));
        }
        return processes;
    }
}
