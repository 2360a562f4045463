package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for interface listings: macOS {@code ifconfig -a} and Linux {@code ip addr}. */
public final class InterfaceParsers {

    private static final Pattern IFCONFIG_HEADER = Pattern.compile("^([A-Za-z0-9._-]+): flags=[0-9a-fA-F]+<([^>]*)>");
    private static final Pattern IFCONFIG_INET = Pattern.compile("^\\s+inet (\\S+) netmask 0x([0-9a-fA-F]{8})");
    private static final Pattern IFCONFIG_MEMBER = Pattern.compile("^\\s+member: (\\S+)");
    private static final Pattern IP_HEADER = Pattern.compile("^[0-9]+: ([^:@\\s]+)(?:@\\S+)?: <([^>]*)>(.*)$");
    private static final Pattern IP_INET = Pattern.compile("^\\s+inet ([0-9.]+)/([0-9]{1,2})");
    private static final Pattern IP_MASTER = Pattern.compile("\\bmaster (\\S+)");

    private InterfaceParsers() {
    }

    private static final class Builder {
        final String name;
        final boolean up;
        final List<NetInterface.InetAddress> addresses = new ArrayList<>();
        final List<String> members = new ArrayList<>();

        Builder(String name, boolean up) {
            this.name = name;
            this.up = up;
        }

        NetInterface build() {
            return new NetInterface(name, addresses, members, up);
        }
    }

    public static List<NetInterface> parseIfconfig(String text) {
        List<Builder> builders = new ArrayList<>();
        Builder current = null;
        for (String line : text.split("\n")) {
            Matcher header = IFCONFIG_HEADER.matcher(line);
            if (header.find()) {
                current = new Builder(header.group(1), hasFlag(header.group(2), "UP"));
                builders.add(current);
                continue;
            }
            if (current == null) {
                continue;
            }
            Matcher inet = IFCONFIG_INET.matcher(line);
            if (inet.find()) {
                addAddress(current, inet.group(1), Long.bitCount(Long.parseLong(inet.group(2), 16)));
            }
            Matcher member = IFCONFIG_MEMBER.matcher(line);
            if (member.find()) {
                current.members.add(member.group(1));
            }
        }
        return builders.stream().map(Builder::build).toList();
    }

    /** {@code ip addr}: bridge membership comes from each member's {@code master <bridge>}. */
    public static List<NetInterface> parseIpAddr(String text) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        Map<String, String> masters = new LinkedHashMap<>();
        Builder current = null;
        for (String line : text.split("\n")) {
            Matcher header = IP_HEADER.matcher(line);
            if (header.find()) {
                current = new Builder(header.group(1), hasFlag(header.group(2), "UP"));
                builders.put(current.name, current);
                Matcher master = IP_MASTER.matcher(header.group(3));
                if (master.find()) {
                    masters.put(current.name, master.group(1));
                }
                continue;
            }
            Matcher inet = IP_INET.matcher(line);
            if (current != null && inet.find()) {
                addAddress(current, inet.group(1), Integer.parseInt(inet.group(2)));
            }
        }
        masters.forEach((member, bridge) -> {
            Builder owner = builders.get(bridge);
            if (owner != null) {
                owner.members.add(member);
            }
        });
        return builders.values().stream().map(Builder::build).toList();
    }

    private static void addAddress(Builder builder, String address, int prefix) {
        Validation<Ipv4Address> ip = Ipv4Address.parse(address);
        if (ip.isValid() && prefix <= 32) {
            builder.addresses.add(new NetInterface.InetAddress(ip.orThrow(), prefix));
        }
    }

    private static boolean hasFlag(String flags, String flag) {
        for (String f : flags.split(",")) {
            if (f.equals(flag)) {
                return true;
            }
        }
        return false;
    }
}
