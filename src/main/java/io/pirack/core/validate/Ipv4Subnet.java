package io.pirack.core.validate;

/** An IPv4 network in CIDR form, e.g. {@code 192.168.2.0/24} (macOS Internet Sharing's default). */
public record Ipv4Subnet(Ipv4Address network, int prefixLength) {

    public static final Ipv4Subnet MACOS_INTERNET_SHARING = parse("192.168.2.0/24").orThrow();

    public Ipv4Subnet {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        network = new Ipv4Address(network.bits() & mask(prefixLength));
    }

    public static Validation<Ipv4Subnet> parse(String text) {
        if (text == null || !text.contains("/")) {
            return Validation.invalid("subnet '" + text + "' must be written as address/prefix, e.g. 192.168.2.0/24");
        }
        String[] parts = text.trim().split("/", 2);
        Validation<Ipv4Address> address = Ipv4Address.parse(parts[0]);
        if (!address.isValid()) {
            return Validation.invalid(address.message());
        }
        if (!parts[1].matches("[0-9]{1,2}") || Integer.parseInt(parts[1]) > 32) {
            return Validation.invalid("subnet '" + text + "': prefix '" + parts[1] + "' is not 0 to 32");
        }
        return Validation.valid(new Ipv4Subnet(address.orThrow(), Integer.parseInt(parts[1])));
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & mask(prefixLength)) == network.bits();
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(network.bits() | ~mask(prefixLength));
    }

    /** The first host address, which is the gateway for macOS and NetworkManager sharing. */
    public Ipv4Address gateway() {
        return network.plus(1);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
