# A live process whose main thread has already exited, and whose other threads are all short-lived:
# each starts its successor and ends, so /proc/PID/task shows a zombie leader and threads that
# vanish while the directory is read, as a JVM can look while threads end around a zombie leader.
# Prints READY once the leader is about to exit.
import ctypes
import threading
import time


def relay(life):
    time.sleep(life)
    threading.Thread(target=relay, args=(life,)).start()


for chain in range(8):
    threading.Thread(target=relay, args=(0.0002 * (chain + 1),)).start()
print("READY", flush=True)
ctypes.CDLL(None).pthread_exit(None)
