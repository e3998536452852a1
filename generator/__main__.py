import signal
import sys


def _before_start(signum: int, frame: object) -> None:
    # Interrupted while Python loads the program: nothing can have been written yet.
    cause = "按下了 Ctrl-C" if signum == signal.SIGINT else f"收到终止信号 {signal.Signals(signum).name}"
    print(f"已中断({cause}):没有写出任何文件,原有的文件未被改动", file=sys.stderr)
    sys.exit(128 + signum)


for _signum in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signum, _before_start)

from generator.cli import main  # noqa: E402 - the handlers above must be in place while this loads

main()
