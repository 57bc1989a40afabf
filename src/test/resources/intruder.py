# Tries to reach one live object of a trial, as another user; prints the errno name, or OK.
# Usage: python3 intruder.py shm|sem|msg|mq|file|socket ID_OR_NAME_OR_PATH
import ctypes
import errno
import os
import socket
import sys

libc = ctypes.CDLL(None, use_errno=True)
kind, target = sys.argv[1], sys.argv[2]
IPC_NOWAIT = 0o4000


def failed(result_is_error):
    if result_is_error:
        print(errno.errorcode.get(ctypes.get_errno(), str(ctypes.get_errno())))
    else:
        print("OK")


try:
    if kind == "shm":
        libc.shmat.restype = ctypes.c_void_p
        address = libc.shmat(int(target), None, 0)
        failed(address is None or address == ctypes.c_void_p(-1).value)
    elif kind == "sem":
        operation = (ctypes.c_short * 3)(0, -1, IPC_NOWAIT)
        failed(libc.semop(int(target), operation, 1) == -1)
    elif kind == "msg":
        buffer = ctypes.create_string_buffer(8 + 64)
        failed(libc.msgrcv(int(target), buffer, 64, ctypes.c_long(0), IPC_NOWAIT) == -1)
    elif kind == "mq":
        failed(libc.mq_open(target.encode(), os.O_RDWR) == -1)
    elif kind == "file":
        os.close(os.open(target, os.O_RDONLY | os.O_NONBLOCK))
        print("OK")
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(target)
        print("OK")
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)))
