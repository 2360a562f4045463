#!/usr/bin/env bash
# PiRack's virtual Pi lab: N "Pis" (network namespaces pirack-rpi1..N) on a lab bridge, each with its own
# sshd, DHCP client (busybox udhcpc) and simulated kubelet; dnsmasq on the bridge as NetworkManager's
# "shared" mode runs it. Needs root. See docs/lab.md.
#
#   lab/lab.sh up [--pis N] [--api URL] [--dynamic] [--boot-delay S] [--sudoers DIR] [--client-id rpiN]
#   lab/lab.sh down | status | clean-check
#   lab/lab.sh cable  rpiN out|in        host-side veth down/up (the link LED)
#   lab/lab.sh power  rpiN off|on        kill every process in the Pi + link down / boot again
#   lab/lab.sh silent rpiN on|off        SSH port accepts connections and never speaks
#   lab/lab.sh netem  rpiN "loss 30%"|clear
#   lab/lab.sh dhcp-reload | dhcp-static clear   restart dnsmasq (as NetworkManager does) / drop the lab's dhcp-host entries
#   lab/lab.sh client-id rpiN duid|mac   the Pi's DHCP client sends a DUID client identifier / its MAC
set -euo pipefail

LAB=${PIRACK_LAB_DIR:-/run/pirack-lab}
BRIDGE=pirack-lab0
SUBNET=10.77.0.0/24
GATEWAY=10.77.0.1
NS_PREFIX=pirack-
VETH_PREFIX=plab-
PI_UID=4242
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "lab: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (network namespaces, a bridge and dnsmasq)."

pis() { ls "$LAB/pis" 2>/dev/null || true; }
ns() { echo "$NS_PREFIX$1"; }
check_pi() { [[ "$1" =~ ^rpi[0-9]{1,2}$ ]] && [ -d "$LAB/pis/$1" ] || die "no lab Pi '$1' (lab/lab.sh status lists them)."; }

# Lab traffic must never leave through another interface: the subnet's route goes via the lab bridge.
check_route() {
  ip link show "$BRIDGE" >/dev/null 2>&1 || die "the lab bridge $BRIDGE does not exist."
  local dev
  dev=$(ip -o route get "${SUBNET%.*}.2" 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p')
  [ "$dev" = "$BRIDGE" ] || die "the route to $SUBNET goes through '${dev:-nothing}', not $BRIDGE; refusing."
}

down() {
  # PIRACK_LAB_LOGS=DIR keeps every Pi's logs (sshd, DHCP, kubelet, timers) and dnsmasq's.
  if [ -n "${PIRACK_LAB_LOGS:-}" ] && [ -d "$LAB/pis" ]; then
    mkdir -p "$PIRACK_LAB_LOGS"
    for d in "$LAB"/pis/*; do for f in "$d"/*.log; do [ -f "$f" ] && cp "$f" "$PIRACK_LAB_LOGS/$(basename "$d")-$(basename "$f")"; done; done
    cp "$LAB"/dnsmasq.log "$LAB"/dnsmasq-*.leases "$PIRACK_LAB_LOGS/" 2>/dev/null || true
  fi
  for n in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^${NS_PREFIX}rpi" || true); do
    ip netns pids "$n" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$n" 2>/dev/null || true
  done
  for l in $(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | sed 's/@.*//' | grep "^${VETH_PREFIX}rpi" || true); do
    ip link del "$l" 2>/dev/null || true
  done
  if [ -f "$LAB/dnsmasq.pid" ]; then kill "$(cat "$LAB/dnsmasq.pid")" 2>/dev/null || true; fi
  pkill_lab_dnsmasq
  ip link del "$BRIDGE" 2>/dev/null || true
  iptables -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT -m comment --comment pirack-lab 2>/dev/null || true
  rm -rf "$LAB"
}

# The lab's dnsmasq only: found by its own pid file or by the lab bridge on its command line.
pkill_lab_dnsmasq() {
  local p
  for p in $(pgrep -x dnsmasq || true); do
    if tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- "--interface=$BRIDGE "; then kill "$p" 2>/dev/null || true; fi
  done
}

clean_check() {
  local left=()
  ip netns list 2>/dev/null | grep -q "^${NS_PREFIX}rpi" && left+=("namespaces")
  ip -o link show 2>/dev/null | grep -q -e ": ${VETH_PREFIX}rpi" -e ": $BRIDGE" && left+=("links")
  for p in $(pgrep -x dnsmasq || true); do
    tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- "--interface=$BRIDGE " && left+=("dnsmasq $p")
  done
  iptables -S 2>/dev/null | grep -q pirack-lab && left+=("iptables rule")
  [ -e "$LAB" ] && left+=("$LAB")
  if [ ${#left[@]} -gt 0 ]; then echo "left behind: ${left[*]}"; return 1; fi
  echo "clean"
}

mac_of() { printf 'b8:27:eb:77:00:%02x' "${1#rpi}"; }
planned_ip() { echo "${SUBNET%.*}.$((10 + ${1#rpi}))"; }

boot() {  # boot <pi>: what a Pi does after power-on, inside its namespace
  local pi=$1
  ip netns exec "$(ns "$pi")" unshare --uts --mount --propagation private "$LAB/pis/$pi/boot" \
    > "$LAB/pis/$pi/boot.log" 2>&1 &
}

up() {
  local count=4 api="" dynamic=0 boot_delay=0 sudoers="" client_id_pi=""
  while [ $# -gt 0 ]; do
    case $1 in
      --pis) count=$2; shift 2 ;;
      --api) api=$2; shift 2 ;;
      --dynamic) dynamic=1; shift ;;
      --boot-delay) boot_delay=$2; shift 2 ;;
      --sudoers) sudoers=$2; shift 2 ;;
      --client-id) client_id_pi=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$count" =~ ^[1-9][0-9]?$ ]] || die "--pis must be 1 to 99."
  command -v dnsmasq >/dev/null || die "dnsmasq is not installed (Debian: dnsmasq-base)."
  command -v busybox >/dev/null || die "busybox is not installed (its udhcpc is the Pis' DHCP client)."
  [ -x /usr/sbin/sshd ] || die "/usr/sbin/sshd is not installed (Debian: openssh-server)."
  # A route to the lab subnet through anything else means the subnet is in use here: never take it over.
  if ip -o route show "$SUBNET" 2>/dev/null | grep -v "dev $BRIDGE " | grep -q .; then
    die "$SUBNET is already routed through another interface; refusing."
  fi
  down
  mkdir -p "$LAB/pis" "$LAB/dnsmasq-shared.d" "$LAB/home/.ssh"
  chmod 755 "$LAB" "$LAB/home"
  echo "$boot_delay" > "$LAB/boot-delay"
  echo "$api" > "$LAB/api"
  # How a Pi runs its kubelet: PiRack's own "sim-kubelet" (PIRACK_CMD, default: this checkout's build).
  local pirack_cmd=${PIRACK_CMD:-}
  if [ -z "$pirack_cmd" ] && [ -f "$SRC/../target/lab.classpath" ]; then
    pirack_cmd="java -cp $SRC/../target/classes:$(cat "$SRC/../target/lab.classpath") io.pirack.Main"
  fi
  [ -n "$api" ] && [ -z "$pirack_cmd" ] && die "set PIRACK_CMD (how to run pirack) or build: ./mvnw -Plab -DskipTests verify"
  cat > "$LAB/kubelet" <<KUBELET
#!/bin/sh
# A lab Pi's kubelet.service: PiRack's simulated kubelet as a real process in the Pi's namespace, restarted
# when it exits as systemd's Restart=always does (RestartSec=2 here, 10 on a Pi). "systemctl stop" ends the group.
trap 'kill \$child 2>/dev/null; exit 0' TERM INT
while :; do
  $pirack_cmd sim-kubelet --api "\$1" --node "\$2" &
  child=\$!
  wait \$child
  sleep 2
done
KUBELET
  chmod 755 "$LAB/kubelet"

  ip link add "$BRIDGE" type bridge
  ip addr add "$GATEWAY/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  check_route

  # The presenter's key (what PiRack holds) and the lab's ssh config + known_hosts for it.
  ssh-keygen -q -t ed25519 -N "" -C pirack-lab -f "$LAB/home/.ssh/id_ed25519"
  : > "$LAB/home/.ssh/known_hosts"
  : > "$LAB/home/.ssh/config"

  local i pi d
  for i in $(seq 1 "$count"); do
    pi=rpi$i; d=$LAB/pis/$pi
    mkdir -p "$d/usr-bin" "$d/etc/sudoers.d" "$d/units" "$d/home/.ssh"
    # Its own root-filesystem view: stand-ins over /usr/bin, a pi user and sudoers over /etc.
    install -m 755 "$SRC/pi/systemctl" "$d/usr-bin/systemctl"
    install -m 755 "$SRC/pi/systemd-run" "$d/usr-bin/systemd-run"
    # busybox's udhcpc under its own name, as a Pi with the udhcpc applet linked has it: the process is
    # "udhcpc" (what PiRack's rebinder looks for), not "busybox".
    ln -sf "$(command -v busybox)" "$d/usr-bin/udhcpc"
    # PiRack's helpers (dead-man switch, DHCP rebind), where pirack plug install-helper puts them on a real Pi
    # (sudoers allows exactly these programs).
    mkdir -p "$d/usr-local-sbin"
    install -m 755 "$SRC/../src/main/resources/io/pirack/plug/pirack-deadman" "$d/usr-local-sbin/pirack-deadman"
    install -m 755 "$SRC/../src/main/resources/io/pirack/plug/pirack-rebind" "$d/usr-local-sbin/pirack-rebind"
    cp /etc/passwd /etc/group "$d/etc/"
    { cat /etc/shadow; echo "pi:*:19000:0:99999:7:::"; } > "$d/etc/shadow"; chmod 640 "$d/etc/shadow"
    echo "pi:x:$PI_UID:$PI_UID:Lab Pi:$d/home:/bin/sh" >> "$d/etc/passwd"
    echo "pi:x:$PI_UID:" >> "$d/etc/group"
    echo "$pi" > "$d/etc/hostname"
    { echo "127.0.0.1 localhost"; echo "127.0.1.1 $pi"; } > "$d/etc/hosts"
    if [ -n "$sudoers" ] && [ -f "$sudoers/$pi" ]; then
      install -m 440 "$sudoers/$pi" "$d/etc/sudoers.d/pirack"
    fi
    cat > "$d/etc/pirack-lab.env" <<ENV
PI=$pi
PI_DIR=$d
LAB=$LAB
API=$api
ENV
    chown -R "$PI_UID:$PI_UID" "$d/home"
    install -m 600 -o "$PI_UID" "$LAB/home/.ssh/id_ed25519.pub" "$d/home/.ssh/authorized_keys"
    ssh-keygen -q -t ed25519 -N "" -C "$pi" -f "$d/ssh_host_ed25519_key"
    cat > "$d/sshd_config" <<CFG
Port 22
ListenAddress 0.0.0.0
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/home/.ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
StrictModes no
AllowUsers pi
CFG
    local id_opt=""
    [ "$pi" = "$client_id_pi" ] && id_opt="-C -x 0x3d:ff0000000100010001$(printf '%02x' "$i")"
    cat > "$d/boot" <<BOOT
#!/bin/sh
# Runs inside the Pi (its network, UTS and mount namespaces): boot delay, then the Pi's services.
set -e
sleep \$(cat $LAB/boot-delay)
mkdir -p /run/sshd
hostname $pi
mount -t overlay overlay -o lowerdir=$d/usr-bin:/usr/bin /usr/bin
mount -t overlay overlay -o lowerdir=$d/etc:/etc /etc
mkdir -p /usr/local/sbin
mount -t overlay overlay -o lowerdir=$d/usr-local-sbin:/usr/local/sbin /usr/local/sbin
ip link set lo up
ip link set eth0 up
/usr/sbin/sshd -f $d/sshd_config -E $d/sshd.log
/usr/bin/udhcpc -i eth0 -s $SRC/pi/udhcpc.script -p $d/udhcpc.pid -x hostname:$pi -b -t 20 -T 1 -A 1 $id_opt >> $d/udhcpc.log 2>&1
[ -z "$api" ] || systemctl start kubelet
echo booted
BOOT
    chmod 755 "$d/boot"

    ip netns add "$(ns "$pi")"
    ip link add "$VETH_PREFIX$pi" type veth peer name eth0 netns "$(ns "$pi")"
    ip -n "$(ns "$pi")" link set eth0 address "$(mac_of "$pi")"
    ip link set "$VETH_PREFIX$pi" master "$BRIDGE" up
    if [ "$dynamic" = 0 ]; then
      echo "dhcp-host=$(mac_of "$pi"),$(planned_ip "$pi"),$pi" >> "$LAB/dnsmasq-shared.d/lab-static.conf"
    fi
    echo "$pi,$(planned_ip "$pi") $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >> "$LAB/home/.ssh/known_hosts"
    cat >> "$LAB/home/.ssh/config" <<SSH
Host $pi
  HostName $(planned_ip "$pi")
  User pi
  IdentityFile $LAB/home/.ssh/id_ed25519
  UserKnownHostsFile $LAB/home/.ssh/known_hosts
  StrictHostKeyChecking yes
SSH
  done

  start_dnsmasq
  for pi in $(pis); do boot "$pi"; done
  echo "lab up: $(pis | wc -l) Pis on $BRIDGE ($SUBNET); ssh -F $LAB/home/.ssh/config rpi1"
}

# dnsmasq the way NetworkManager's "shared" mode starts it (nm-dnsmasq-manager.c), on the lab bridge.
start_dnsmasq() {
  dnsmasq --conf-file=/dev/null --no-hosts --keep-in-foreground --bind-interfaces --except-interface=lo \
    --interface="$BRIDGE" --listen-address="$GATEWAY" --port=0 --user=root \
    --dhcp-range="${SUBNET%.*}.100,${SUBNET%.*}.199,60m" --dhcp-lease-max=50 \
    --dhcp-option=option:router,"$GATEWAY" --dhcp-authoritative \
    --dhcp-leasefile="$LAB/dnsmasq-$BRIDGE.leases" --pid-file="$LAB/dnsmasq.pid" \
    --conf-dir="$LAB/dnsmasq-shared.d" --log-dhcp --log-facility="$LAB/dnsmasq.log" &
  echo $! > "$LAB/dnsmasq.pid"
}

# What "nmcli connection up <shared>" does to NetworkManager's dnsmasq: a fresh one reads the conf-dir
# again (dhcp-host entries are read only at start); the lease file is kept.
restart_dnsmasq() {
  local old
  old=$(cat "$LAB/dnsmasq.pid" 2>/dev/null || true)
  if [ -n "$old" ]; then
    kill "$old" 2>/dev/null || true
    for _ in $(seq 50); do [ -d "/proc/$old" ] || break; sleep 0.1; done
  fi
  start_dnsmasq
}

in_pi() {  # in_pi <pi> <command…>: run inside a booted Pi (its network, UTS and mount namespaces)
  local pi=$1; shift
  nsenter --target "$(cat "$LAB/pis/$pi/udhcpc.pid")" --net --uts --mount "$@"
}

cmd=${1:-}; shift || true
case $cmd in
  up) up "$@" ;;
  down) down; echo "lab down" ;;
  clean-check) clean_check ;;
  status)
    check_route
    for pi in $(pis); do
      echo "$pi $(ip -o -4 -n "$(ns "$pi")" addr show eth0 2>/dev/null | awk '{print $4}') link=$(cat /sys/class/net/$VETH_PREFIX$pi/operstate) procs=$(ip netns pids "$(ns "$pi")" | wc -l)"
    done ;;
  cable)
    check_route; check_pi "$1"
    case $2 in out) ip link set "$VETH_PREFIX$1" down ;; in) ip link set "$VETH_PREFIX$1" up ;; *) die "cable rpiN out|in" ;; esac
    date +%s.%N ;;  # when the cable moved (for measuring how fast PiRack notices)
  power)
    check_route; check_pi "$1"
    case $2 in
      off)  # every process dies, and with them all the state a reboot forgets: units, address, firewall rules
        ip netns pids "$(ns "$1")" | xargs -r kill -9; rm -f "$LAB/pis/$1"/units/*; ip link set "$VETH_PREFIX$1" down
        ip -n "$(ns "$1")" addr flush dev eth0; ip -n "$(ns "$1")" link set eth0 down
        ip netns exec "$(ns "$1")" iptables -F ;;
      on) ip link set "$VETH_PREFIX$1" up; boot "$1" ;;
      *) die "power rpiN off|on" ;;
    esac ;;
  silent)
    check_route; check_pi "$1"; d=$LAB/pis/$1
    case $2 in
      on) # sshd and every session it holds go (a hung Pi answers no one), then a port that accepts and never speaks
          gone=()
          for p in $(ip netns pids "$(ns "$1")"); do
            if [ "$(cat "/proc/$p/comm" 2>/dev/null)" = sshd ]; then kill "$p" 2>/dev/null && gone+=("$p") || true; fi
          done
          # Port 22 must be free before the silent listener binds it, and listening before we return
          # (found by silent-and-lossy: a listener that lost the race left the port closed, "Connection refused").
          for _ in $(seq 50); do
            alive=0; for p in "${gone[@]}"; do [ -d "/proc/$p" ] && alive=1; done
            [ $alive = 0 ] && break; sleep 0.1
          done
          ip netns exec "$(ns "$1")" busybox nc -ll -p 22 -e busybox sh -c 'cat >/dev/null' >/dev/null 2>&1 &
          echo $! > "$d/silent.pid"
          for _ in $(seq 50); do
            ip netns exec "$(ns "$1")" ss -Hltn 'sport = :22' | grep -q . && break; sleep 0.1
          done
          ip netns exec "$(ns "$1")" ss -Hltn 'sport = :22' | grep -q . || die "the silent listener on $1 did not start." ;;
      off) kill "$(cat "$d/silent.pid")" 2>/dev/null || true; rm -f "$d/silent.pid"
           for _ in $(seq 50); do
             ip netns exec "$(ns "$1")" ss -Hltn 'sport = :22' | grep -q . || break; sleep 0.1
           done
           in_pi "$1" /usr/sbin/sshd -f "$d/sshd_config" -E "$d/sshd.log" ;;
      *) die "silent rpiN on|off" ;;
    esac ;;
  client-id)  # client-id rpiN duid|mac: restart the Pi's udhcpc sending a DUID client identifier (dhcpcd's default) or none
    check_route; check_pi "$1"; d=$LAB/pis/$1
    case $2 in
      duid) opt=(-C -x "0x3d:ff0000000100010001$(printf '%02x' "${1#rpi}")") ;;
      mac) opt=() ;;
      *) die "client-id rpiN duid|mac" ;;
    esac
    # Inside the Pi: the old client goes (keeping its address, as udhcpc does without -R), a new one asks again.
    in_pi "$1" sh -c 'kill "$(cat "$1")"; while kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; do sleep 0.1; done; shift; exec "$@"' \
      client-id "$d/udhcpc.pid" /usr/bin/udhcpc -i eth0 -s "$SRC/pi/udhcpc.script" -p "$d/udhcpc.pid" -x "hostname:$1" \
      -b -t 20 -T 1 -A 1 "${opt[@]}" >> "$d/udhcpc.log" 2>&1 ;;
  dhcp-reload)  # restart the lab's dnsmasq as NetworkManager does when the shared connection comes up
    check_route; restart_dnsmasq ;;
  dhcp-static)  # "clear": drop the lab's own dhcp-host entries (files other than lab-static.conf stay)
    check_route
    [ "${1:-}" = clear ] || die "dhcp-static clear"
    rm -f "$LAB/dnsmasq-shared.d/lab-static.conf"; restart_dnsmasq ;;
  netem)
    check_route; check_pi "$1"
    if [ "$2" = clear ]; then
      tc qdisc del dev "$VETH_PREFIX$1" root 2>/dev/null || true
      for chain in INPUT OUTPUT; do
        while n=$(ip netns exec "$(ns "$1")" iptables -L "$chain" -n --line-numbers | awk '/pirack-lab-loss/ { print $1; exit }') \
              && [ -n "$n" ]; do
          ip netns exec "$(ns "$1")" iptables -D "$chain" "$n"
        done
      done
    else
      read -r -a spec <<< "$2"
      if ! tc qdisc replace dev "$VETH_PREFIX$1" root netem "${spec[@]}" 2>/dev/null; then
        # Kernels without sch_netem: random loss with iptables' statistic match inside the Pi, both ways.
        [[ "$2" =~ ^loss\ ([0-9]+)%$ ]] || die "this kernel has no netem; only \"loss N%\" can be emulated here."
        p=$(awk "BEGIN { printf \"%.2f\", ${BASH_REMATCH[1]} / 100 }")
        for chain in INPUT OUTPUT; do
          ip netns exec "$(ns "$1")" iptables -I "$chain" -m statistic --mode random --probability "$p" \
            -m comment --comment pirack-lab-loss -j DROP
        done
      fi
    fi ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac
