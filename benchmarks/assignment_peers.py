"""Assignment solvers: slmatch against scipy, lap and lapx, side by side in one run.

Run with the project's Python (after `pip install .`):

    .venv/bin/python benchmarks/assignment_peers.py [--sizes 1000 2000 4000] [--repeats 5]
        [--kinds uniform euclidean machol-wien digits constant] [--max-seconds 60]
        [--sparse-sizes 5000 20000] [--orlib DIR] [--skip-dense] [--skip-sparse]

Missing peers (scipy, lapx) are installed from PyPI with pip first; a peer that cannot be
installed is skipped with a message. lapx, a fork of lap, installs under lap's import name
``lap`` and replaces lap's module; its ``lapjv`` is lap's solver as the fork ships it.

Dense (``linear_sum_assignment`` against scipy's and lapx's ``lapjv``, ``lapjvh``,
``lapjvx`` and ``lapjvs``): for each size and cost kind: uniform random, Euclidean distances
between random points, Machol and Wien's c_ij = i * j (rank one, where shortest augmenting
path solvers take O(n^3)), random integers 0-9 (many ties) and a constant matrix. Each peer
runs with its defaults, so ``lapjvs`` works in float32; it must still reach the same total.

Sparse (``min_weight_full_bipartite_matching`` against scipy's): random n x n matrices at
1% density with costs in (0, 1], and the OR-Library instances assignp3000 and assignp5000
read from ``--orlib`` (default: ``../shared/data/orlib-assign`` beside the repository;
skipped with a message when absent).

Each row gives the median time of each solver (the solvers take turns, so the machine's slow
spells fall on all of them alike; only the solver call is timed) and the ratio slmatch /
peer for each peer and for the fastest one, and every solver must reach the same total.
Instances get at least ``--repeats`` runs, and as many more as fit in 2 seconds, since many
take milliseconds; runs stop early, after at least one, once an instance has taken
``--max-seconds``.
"""

from __future__ import annotations

import argparse
import pathlib
from typing import Any, Callable

import numpy as np
from peers import ensure_installed, interleaved_medians

PEERS = {"scipy": "scipy", "lapx": "lapx"}  # peer -> PyPI name


def uniform_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.random((n, n))


def euclidean_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    left, right = rng.random((n, 2)), rng.random((n, 2))
    return np.sqrt(((left[:, None, :] - right[None, :, :]) ** 2).sum(axis=-1))


def machol_wien_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    """c_ij = i * j: each row that a shortest augmenting path solver adds displaces all
    the rows before it."""
    index = np.arange(n, dtype=np.float64)
    return np.outer(index, index)


def digit_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    """Random integers 0-9: about n / 10 ties at each row's minimum."""
    return rng.integers(0, 10, size=(n, n)).astype(np.float64)


def constant_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    return np.ones((n, n))


DENSE_KINDS: dict[str, Callable[[int, np.random.Generator], np.ndarray]] = {
    "uniform": uniform_costs,
    "euclidean": euclidean_costs,
    "machol-wien": machol_wien_costs,
    "digits": digit_costs,
    "constant": constant_costs,
}


def random_sparse(n: int, density: float, rng: np.random.Generator) -> Any:
    """An n x n CSR matrix with about density * n * n entries, costs in (0, 1]."""
    import scipy.sparse

    return scipy.sparse.random(
        n,
        n,
        density=density,
        format="csr",
        random_state=rng,
        data_rvs=lambda k: 1.0 - rng.random(k),
    )


def read_orlib_sparse(path: pathlib.Path) -> Any:
    """An OR-Library sparse assignment file (n, then 1-based "i j c" triples) as CSR."""
    import scipy.sparse

    with path.open() as stream:
        n = int(stream.readline())
        triples = np.loadtxt(stream).reshape(-1, 3)
    rows, cols = triples[:, 0].astype(np.int64) - 1, triples[:, 1].astype(np.int64) - 1
    return scipy.sparse.csr_matrix((triples[:, 2], (rows, cols)), shape=(n, n))


def check_totals(label: str, totals: dict[str, float]) -> None:
    reference = totals["slmatch"]
    for name, total in totals.items():
        assert abs(total - reference) <= 1e-9 * max(1.0, abs(total)), (
            f"{label}: {name} total {total} != slmatch {reference}"
        )


def dense_solvers() -> dict[str, Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]]:
    """slmatch and every dense peer that can be had, each giving (rows, cols): the column of
    row rows[k] is cols[k]."""
    from slmatch.solvers import linear_sum_assignment

    solvers: dict[str, Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]] = {}
    solvers["slmatch"] = linear_sum_assignment
    scipy = ensure_installed("scipy.optimize", PEERS["scipy"])
    if scipy is not None:
        solvers["scipy"] = scipy.linear_sum_assignment
    lap = ensure_installed("lap", PEERS["lapx"])
    if lap is not None:

        def lapjv(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            _, x, _ = lap.lapjv(cost)
            return np.arange(len(x)), x

        solvers["lapjv"] = lapjv
        if hasattr(lap, "lapjvh"):
            solvers["lapjvh"] = lambda cost: lap.lapjvh(cost, return_cost=False)
            solvers["lapjvx"] = lambda cost: lap.lapjvx(cost, return_cost=False)
            solvers["lapjvs"] = lambda cost: lap.lapjvs(cost, return_cost=False)
        else:
            print("the lap module is not lapx's (lap was installed over it): lapjv only")
    return solvers


def run_dense(args: argparse.Namespace) -> None:
    solvers = dense_solvers()
    peers = [name for name in solvers if name != "slmatch"]
    width = 10
    header = f"{'dense costs':<13}{'n':>6}" + "".join(f"{name + ' s':>{width}}" for name in solvers)
    header += "".join(f"{'/' + name:>{width}}" for name in peers) + f"{'/best':>{width}}"
    print(header)
    for kind in args.kinds:
        make = DENSE_KINDS[kind]
        for n in args.sizes:
            cost = make(n, np.random.default_rng(args.seed + n))
            medians, pairs = interleaved_medians(
                {name: (lambda solve=solve: solve(cost)) for name, solve in solvers.items()},
                args.repeats,
                min_seconds=2.0,
                max_seconds=args.max_seconds,
            )
            totals = {name: float(cost[rows, cols].sum()) for name, (rows, cols) in pairs.items()}
            check_totals(f"{kind} n={n}", totals)
            fastest = min(medians[name] for name in peers) if peers else float("nan")
            row = f"{kind:<13}{n:>6}" + "".join(f"{medians[name]:>{width}.4f}" for name in solvers)
            row += "".join(f"{medians['slmatch'] / medians[name]:>{width}.2f}" for name in peers)
            row += f"{medians['slmatch'] / fastest:>{width}.2f}"
            print(row, flush=True)


def run_sparse(args: argparse.Namespace) -> None:
    from slmatch.solvers import min_weight_full_bipartite_matching

    csgraph = ensure_installed("scipy.sparse.csgraph", PEERS["scipy"])
    if csgraph is None:
        print("sparse: scipy is missing, so there is nothing to compare with: skipping")
        return

    solvers = {
        "slmatch": min_weight_full_bipartite_matching,
        "scipy": csgraph.min_weight_full_bipartite_matching,
    }
    instances: list[tuple[str, Callable[[], Any]]] = []
    for n in args.sparse_sizes:
        instances.append(
            (
                f"random 1% {n}",
                lambda n=n: random_sparse(n, 0.01, np.random.default_rng(args.seed + n)),
            )
        )
    folder = pathlib.Path(args.orlib)
    for name in ("assignp3000", "assignp5000"):
        path = folder / f"{name}.txt"
        if path.is_file():
            instances.append((name, lambda path=path: read_orlib_sparse(path)))
        else:
            print(f"sparse: {path} not found: skipping {name}")

    header = f"{'sparse':<20}{'entries':>10}" + "".join(f"{name + ' s':>14}" for name in solvers)
    header += f"{'/ scipy':>14}"
    print(header)
    for label, make in instances:
        matrix = make()
        medians, pairs = interleaved_medians(
            {name: (lambda solve=solve: solve(matrix)) for name, solve in solvers.items()},
            args.repeats,
            min_seconds=2.0,
            max_seconds=args.max_seconds,
        )
        totals = {name: float(matrix[rows, cols].sum()) for name, (rows, cols) in pairs.items()}
        check_totals(label, totals)
        row = f"{label:<20}{matrix.nnz:>10}" + "".join(
            f"{medians[name]:>14.3f}" for name in solvers
        )
        row += f"{medians['slmatch'] / medians['scipy']:>14.2f}"
        print(row, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--kinds", nargs="+", choices=list(DENSE_KINDS), default=list(DENSE_KINDS))
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=60.0,
        help="stop timing an instance after this long, once every solver has run once",
    )
    parser.add_argument("--sparse-sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument(
        "--orlib",
        default=str(pathlib.Path(__file__).resolve().parents[2] / "shared/data/orlib-assign"),
        help="folder of the OR-Library assignment files",
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-dense", action="store_true")
    parser.add_argument("--skip-sparse", action="store_true")
    args = parser.parse_args()

    print(
        f"median of at least {args.repeats} runs (as many more as fit in 2 s, fewer past "
        f"{args.max_seconds:g} s); ratios are slmatch time / peer time"
    )
    if not args.skip_dense:
        run_dense(args)
    if not args.skip_sparse:
        run_sparse(args)


if __name__ == "__main__":
    main()
