#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for tests: munged, slurmctld and slurmd run as root
# from a generated slurm.conf in DIR, without systemd, on ports of their own.
#
#   scripts/slurm-test-cluster.sh start DIR    # prints `export SLURM_CONF=DIR/slurm.conf`
#   scripts/slurm-test-cluster.sh stop DIR
#
# `start` returns once the node accepts jobs (or fails after 60 s, printing the daemons' logs).
# DIR/unshared is a folder the jobs do not see: slurmd runs in a mount namespace of its own with an
# empty tmpfs over it, as a compute node without the submitting machine's file system would (tests
# put a runs folder there to check that eorun says the runs folder must be shared).
# Needs Debian's slurm-wlm and munge (scripts/install-deps.sh installs them) and root.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)

stop_pid_file() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid
  pid=$(cat "$file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop_cluster() {
  # Jobs still running on the node first: their slurmstepd processes outlive slurmd otherwise.
  if [ -f "$dir/slurm.conf" ] && [ -f "$dir/slurmctld.pid" ]; then
    SLURM_CONF=$dir/slurm.conf scancel --full --quiet --user=root 2>/dev/null || true
  fi
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  if [ -S "$dir/munge/munge.socket" ]; then
    munged --stop --socket="$dir/munge/munge.socket" >/dev/null 2>&1 || true
  fi
  rm -f "$dir/munged.pid"
}

if [ "$action" = stop ]; then
  stop_cluster
  exit 0
fi
[ "$action" = start ] || usage
stop_cluster  # a cluster left running in DIR by an earlier start

for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null || { echo "slurm-test-cluster: $tool not found; run scripts/install-deps.sh" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "slurm-test-cluster: runs the daemons as root; run it as root" >&2; exit 2; }

# Two free TCP ports for slurmctld and slurmd.
read -r ctld_port slurmd_port < <(/usr/bin/python3 - <<'EOF'
import socket
sockets = [socket.socket() for _ in range(2)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in sockets])
EOF
)
host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))
mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/unshared"
chmod 700 "$dir/munge"

# munge: a key of its own, its own socket.
head -c 1024 /dev/urandom > "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/munged.seed"

cat > "$dir/slurm.conf" <<EOF
ClusterName=eorun-test
SlurmctldHost=$host
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MinJobAge=300
MaxArraySize=100001
KillWait=5
InactiveLimit=0
NodeName=$host CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF

export SLURM_CONF=$dir/slurm.conf
slurmctld -f "$SLURM_CONF"
unshare --mount --propagation private \
  sh -c 'mount -t tmpfs eorun-unshared "$1" && exec slurmd -f "$2"' slurmd "$dir/unshared" "$SLURM_CONF"

# The node is ready when sinfo reports it idle.
for _ in $(seq 600); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  if [ "$state" = idle ]; then
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.1
done
echo "slurm-test-cluster: the node did not become idle within 60 s (state: ${state:-none})" >&2
for log in "$dir"/*.log; do echo "== $log" >&2; tail -n 20 "$log" >&2; done
stop_cluster
exit 1
