"""Reading the YAML files under data/ into raw records, keeping the position of every value.

YAML is parsed by libyaml (``CSafeLoader``) into nodes; the nodes are turned into Python values
here, so that every key and value can be found by line and column, duplicate keys are caught, and
the YAML 1.1 traps cannot slip through (``scalars``). This package knows YAML and files, nothing of
schemas. Its modules, in the order a file passes them:

    tree      the walk through data/ and the naming rules      -> load_tree, suggest_id
    parallel  the kept files first, then half of many files to parse in a second process; no cycle
              collection while loading
    kept      the values of files whose bytes were read before (.cache/), by their hash
    files     one file: kept values, the fast path, else the careful one -> load_file, read_positions
    fast      plain files into values, without positions
    careful   every other file, with positions and problems (``converter``)
    records   RawRecord and Positions
"""

from .files import MAX_FILE_BYTES, load_file, read_positions
from .parallel import no_cycle_collection
from .records import Positions, RawRecord
from .scalars import MAX_DIGITS
from .tree import UNREADABLE, load_tree, suggest_id

__all__ = [
    "MAX_DIGITS",
    "MAX_FILE_BYTES",
    "UNREADABLE",
    "Positions",
    "RawRecord",
    "load_file",
    "load_tree",
    "no_cycle_collection",
    "read_positions",
    "suggest_id",
]
