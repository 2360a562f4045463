package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One running dnsmasq as {@code pgrep -a dnsmasq} lists it ({@code PID command line}). NetworkManager
 * starts its own with {@code --conf-dir=/etc/NetworkManager/dnsmasq-shared.d}; any other is one a
 * person started by hand (or a distribution service), whose fixed addresses PiRack does not write.
 */
public record DnsmasqProcess(String commandLine, Optional<String> interfaceName, Optional<Ipv4Address> rangeStart) {

    public boolean startedByNetworkManager() {
        return commandLine.contains("NetworkManager");
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
            for (String word : words) {
                if (word.startsWith("--interface=") || word.startsWith("-i=")) {
                    device = Optional.of(word.substring(word.indexOf('=') + 1));
                } else if (word.startsWith("--dhcp-range=")) {
                    String first = word.substring("--dhcp-range=".length()).split(",")[0];
                    start = Optional.of(Ipv4Address.parse(first)).filter(Validation::isValid).map(Validation::orThrow);
                }
            }
            processes.add(new DnsmasqProcess(line.strip().substring(words[0].length()).strip(), device, start));
        }
        return processes;
    }
}
