"""Type stubs for slmatch._core.purpose: schemes as each consent purpose may see them."""

import numpy as np
import numpy.typing as npt
from slmatch._core import Scheme

def view_for(scheme: Scheme, purpose: str) -> Scheme: ...
def people_in_view(scheme: Scheme, purpose: str) -> npt.NDArray[np.int64]: ...
