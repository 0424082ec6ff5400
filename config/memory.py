import gc


def settle_worker() -> None:
    """Put what a worker has loaded out of the garbage collector's sight: it lives as long as the worker, and otherwise
    each full collection walks it all again (about 220,000 objects), which held a report page up for 80-125 ms once
    every few dozen pages (measured in bench/dashboard.py's process). This is gc.freeze() as the Python documentation
    describes it, after one collection so that no garbage is frozen with it."""
    gc.collect()
    gc.freeze()
