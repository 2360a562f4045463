package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;

/** One fixed address PiRack wants the laptop's DHCP server to hand out: a rack Pi's plan. */
public record StaticLease(String hostname, MacAddress mac, Ipv4Address ip) {
}
