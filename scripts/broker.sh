#!/usr/bin/env bash
# broker.sh — start and stop a private mosquitto for tests and the demo.
#
#   scripts/broker.sh start DIR    fresh broker on a free 127.0.0.1 port
#   scripts/broker.sh stop DIR     stop the broker started in DIR
#   scripts/broker.sh resume DIR   start it again on the same port with the
#                                  same passwords (simulates an outage)
#   scripts/broker.sh env DIR      print BC_MQTT_PORT/USER/PASSWORD lines
#                                  (and BC_MQTT_WS_PORT, the read-only
#                                  WebSockets listener for browsers)
#
# DIR receives mosquitto.conf (from config/mosquitto/bosaicast.conf.in),
# passwd, acl, password (the broadcaster's, mode 600), reader-password (a
# second, read-only user "reader" for ACL tests), port, pid and
# mosquitto.log.  Only the broker whose pid is recorded in DIR, and whose
# command line names DIR/mosquitto.conf, is ever signalled: other brokers on
# the machine are left alone.  Works as root (the broker then stays root)
# and as a normal user; needs no systemd.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template="$here/../config/mosquitto/bosaicast.conf.in"
aclsrc="$here/../config/mosquitto/acl"
start_deadline_s=10
stop_deadline_s=10

die() { echo "broker.sh: $*" >&2; exit 1; }

usage() {
	echo "usage: $0 start|stop|resume|env DIR" >&2
	exit 64
}

now_ms() { date +%s%3N; }

# The pid recorded in DIR if that process is alive and is our mosquitto.
our_pid() {
	local dir=$1 pid
	[[ -f $dir/pid ]] || return 1
	pid=$(<"$dir/pid")
	[[ $pid =~ ^[0-9]+$ ]] || return 1
	[[ -r /proc/$pid/cmdline ]] || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$dir/mosquitto.conf" ||
		return 1
	echo "$pid"
}

port_free() {
	python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PY
}

port_open() {
	# bash's /dev/tcp: a plain connect, closed at once.
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

random_secret() {
	head -c 18 /dev/urandom | base64 | tr '+/' '-_'
}

# Options for the lifecycle tests, kept in DIR so that `resume` brings the
# broker back the same way:
#   DIR/persist   present: persistence on (sessions and retained messages
#                 survive a restart, as in production)
#   DIR/tls/      ca.crt, server.crt, server.key and tls-port: also listen
#                 with TLS on that port
#   DIR/bridge.conf  appended to the configuration (bridges)
write_conf() {
	local dir=$1 port=$2 ws_port=$3 user
	user=$(id -un)
	sed -e "s|@PORT@|$port|g" \
	    -e "s|@WS_PORT@|$ws_port|g" \
	    -e "s|@DATA_DIR@|$dir|g" \
	    -e "s|@PASSWORD_FILE@|$dir/passwd|g" \
	    -e "s|@ACL_FILE@|$dir/acl|g" \
	    -e "s|@USER@|$user|g" \
	    "$template" >"$dir/mosquitto.conf"
	cp "$aclsrc" "$dir/acl"
	if [[ -e $dir/persist ]]; then
		sed -i -e 's|^persistence false|persistence true|' \
			"$dir/mosquitto.conf"
		echo "autosave_interval 1" >>"$dir/mosquitto.conf"
	fi
	# DIR/bridge.conf: extra lines (a bridge to another broker, for the
	# topology test of docs/topologies.md).
	if [[ -f $dir/bridge.conf ]]; then
		cat "$dir/bridge.conf" >>"$dir/mosquitto.conf"
	fi
	if [[ -f $dir/tls/tls-port ]]; then
		cat >>"$dir/mosquitto.conf" <<-TLS

		listener $(<"$dir/tls/tls-port") 127.0.0.1
		protocol mqtt
		cafile $dir/tls/ca.crt
		certfile $dir/tls/server.crt
		keyfile $dir/tls/server.key
		TLS
	fi
}

write_passwd() {
	local dir=$1
	# Plain text first, then hashed in place by mosquitto_passwd -U, so the
	# secrets never appear on a command line.
	(
		umask 077
		printf 'bosaicast:%s\nreader:%s\n' "$(<"$dir/password")" \
			"$(<"$dir/reader-password")" >"$dir/passwd"
	)
	mosquitto_passwd -U "$dir/passwd" >/dev/null
}

# Start mosquitto on $port (and WebSockets on $ws_port) and wait until it
# accepts connections on both.  Returns 0 when up, 2 when a port turned out
# to be taken, 1 otherwise.
launch() {
	local dir=$1 port=$2 ws_port=$3 pid deadline
	write_conf "$dir" "$port" "$ws_port"
	: >"$dir/mosquitto.log"
	# Fully detached from our stdio so that ctest does not wait for the
	# broker's pipes; same process group is fine, stop kills by pid.
	mosquitto -c "$dir/mosquitto.conf" </dev/null >>"$dir/mosquitto.log" 2>&1 &
	pid=$!
	echo "$pid" >"$dir/pid"
	echo "$port" >"$dir/port"
	echo "$ws_port" >"$dir/ws-port"
	deadline=$(($(now_ms) + start_deadline_s * 1000))
	while (($(now_ms) < deadline)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			wait "$pid" 2>/dev/null || true
			rm -f "$dir/pid"
			if grep -q -e "Address already in use" \
			    -e "Unable to create websockets listener" \
			    "$dir/mosquitto.log"; then
				return 2
			fi
			echo "broker.sh: mosquitto exited at start; its log:" >&2
			cat "$dir/mosquitto.log" >&2
			return 1
		fi
		if port_open "$port" && port_open "$ws_port"; then
			return 0
		fi
		sleep 0.05
	done
	echo "broker.sh: mosquitto not listening on $port after" \
	     "${start_deadline_s}s; its log:" >&2
	cat "$dir/mosquitto.log" >&2
	kill "$pid" 2>/dev/null || true
	rm -f "$dir/pid"
	return 1
}

cmd_stop() {
	local dir=$1 pid deadline
	pid=$(our_pid "$dir") || { rm -f "$dir/pid"; return 0; }
	kill -TERM "$pid" 2>/dev/null || true
	deadline=$(($(now_ms) + stop_deadline_s * 1000))
	while kill -0 "$pid" 2>/dev/null && (($(now_ms) < deadline)); do
		sleep 0.02
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "broker.sh: mosquitto $pid ignored SIGTERM, killing" >&2
		kill -KILL "$pid" 2>/dev/null || true
		while kill -0 "$pid" 2>/dev/null; do sleep 0.02; done
	fi
	rm -f "$dir/pid"
}

cmd_start() {
	local dir=$1 port ws_port tries rc
	command -v mosquitto >/dev/null || die "mosquitto is not installed"
	command -v mosquitto_passwd >/dev/null ||
		die "mosquitto_passwd is not installed"
	[[ -r $template ]] || die "missing $template"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	cmd_stop "$dir"
	(
		umask 077
		random_secret >"$dir/password"
		random_secret >"$dir/reader-password"
	)
	chmod 600 "$dir/password" "$dir/reader-password"
	write_passwd "$dir"
	for ((tries = 0; tries < 20; tries++)); do
		port=$((20000 + (RANDOM * 32768 + RANDOM) % 40001))
		port_free "$port" || continue
		ws_port=$((20000 + (RANDOM * 32768 + RANDOM) % 40001))
		((ws_port != port)) && port_free "$ws_port" || continue
		rc=0
		launch "$dir" "$port" "$ws_port" || rc=$?
		case $rc in
		0) echo "broker.sh: mosquitto $(<"$dir/pid") on 127.0.0.1:$port" \
			"(WebSockets $ws_port)"
		   return 0 ;;
		2) continue ;;
		*) exit 1 ;;
		esac
	done
	die "no free port found in 20000-60000 after $tries tries"
}

cmd_resume() {
	local dir=$1 port ws_port rc=0
	dir=$(cd "$dir" && pwd)
	[[ -f $dir/port && -f $dir/ws-port && -f $dir/password ]] ||
		die "$dir has no earlier broker to resume"
	port=$(<"$dir/port")
	ws_port=$(<"$dir/ws-port")
	cmd_stop "$dir"
	launch "$dir" "$port" "$ws_port" || rc=$?
	case $rc in
	0) echo "broker.sh: mosquitto $(<"$dir/pid") back on 127.0.0.1:$port" ;;
	2) die "port $port is taken, cannot resume" ;;
	*) exit 1 ;;
	esac
}

cmd_env() {
	local dir=$1
	[[ -f $dir/port && -f $dir/password ]] || die "no broker in $dir"
	echo "BC_MQTT_HOST=127.0.0.1"
	echo "BC_MQTT_PORT=$(<"$dir/port")"
	[[ -f $dir/ws-port ]] && echo "BC_MQTT_WS_PORT=$(<"$dir/ws-port")"
	echo "BC_MQTT_USER=bosaicast"
	echo "BC_MQTT_PASSWORD=$(<"$dir/password")"
}

(($# == 2)) || usage
case $1 in
start) cmd_start "$2" ;;
stop) if [[ -d $2 ]]; then cmd_stop "$(cd "$2" && pwd)"; fi ;;
resume) cmd_resume "$2" ;;
env) cmd_env "$2" ;;
*) usage ;;
esac
