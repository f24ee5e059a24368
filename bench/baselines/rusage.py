"""Not a baseline: runs one command and reports its wall clock, CPU time and peak memory.

    python -I -S bench/baselines/rusage.py REPORT -- COMMAND [ARG ...]

Forks, runs COMMAND in the child and waits for it with os.wait4; writes "seconds cpu maxrss_kib"
to the file REPORT and exits with COMMAND's exit code. The fork is why this small program stands
in between: Linux counts the memory a process had before its exec into its peak (ru_maxrss), so
a command started straight from the benchmark (hundreds of MB, with ho21 and rich imported) would
report the benchmark's size, not its own. Started from here it reports its own, or this
program's few MB, whichever is larger. Only the standard library, so it runs isolated (-I -S).
"""

import os
import sys
import time


def main() -> int:
    report, separator, *command = sys.argv[1:]
    if separator != "--" or not command:
        sys.stderr.write("usage: rusage.py REPORT -- COMMAND [ARG ...]\n")
        return 2
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        except OSError as exc:
            sys.stderr.write(f"cannot run {command[0]}: {exc.strerror}\n")
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    with open(report, "w", encoding="ascii") as out:  # noqa: PTH123 (no pathlib import: start-up)
        out.write(f"{elapsed:.6f} {usage.ru_utime + usage.ru_stime:.6f} {usage.ru_maxrss}\n")
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
