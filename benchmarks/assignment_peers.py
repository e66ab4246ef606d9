"""Assignment solvers: slmatch against scipy and lap, side by side in one run.

Run with the project's Python (after `pip install .`):

    .venv/bin/python benchmarks/assignment_peers.py [--sizes 1000 2000 4000] [--repeats 5]
        [--sparse-sizes 5000 20000] [--orlib DIR] [--skip-dense] [--skip-sparse]

Missing peers (scipy, lap) are installed from PyPI with pip first; a peer that cannot be
installed is skipped with a message.

Dense (``linear_sum_assignment`` against scipy and ``lap.lapjv``): for each size and cost
kind (uniform random, Euclidean distances between random points).

Sparse (``min_weight_full_bipartite_matching`` against scipy's): random n x n matrices at
1% density with costs in (0, 1], and the OR-Library instances assignp3000 and assignp5000
read from ``--orlib`` (default: ``../shared/data/orlib-assign`` beside the repository;
skipped with a message when absent).

Each row gives the median time of each solver over the repeats (sparse instances get as many
more as fit in 2 seconds, since they take milliseconds; the solvers take turns, so
the machine's slow spells fall on all of them alike; only the solver call is timed) and the
ratio slmatch / peer, and every solver must reach the same total.
"""

from __future__ import annotations

import argparse
import pathlib
from typing import Any, Callable

import numpy as np
from peers import ensure_installed, interleaved_medians

PEERS = {"scipy": "scipy", "lap": "lap"}  # import name -> PyPI name


def uniform_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    return rng.random((n, n))


def euclidean_costs(n: int, rng: np.random.Generator) -> np.ndarray:
    left, right = rng.random((n, 2)), rng.random((n, 2))
    return np.sqrt(((left[:, None, :] - right[None, :, :]) ** 2).sum(axis=-1))


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


def run_dense(args: argparse.Namespace) -> None:
    from slmatch.solvers import linear_sum_assignment

    # Each solver gives (rows, cols): the column of row rows[k] is cols[k].
    solvers: dict[str, Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]] = {}
    solvers["slmatch"] = linear_sum_assignment
    scipy = ensure_installed("scipy.optimize", PEERS["scipy"])
    if scipy is not None:
        solvers["scipy"] = scipy.linear_sum_assignment
    lap = ensure_installed("lap", PEERS["lap"])
    if lap is not None:

        def lap_pairs(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            _, x, _ = lap.lapjv(cost)
            return np.arange(len(x)), x

        solvers["lap.lapjv"] = lap_pairs

    peers = [name for name in solvers if name != "slmatch"]
    header = f"{'dense costs':<14}{'n':>6}" + "".join(f"{name + ' s':>14}" for name in solvers)
    header += "".join(f"{'/ ' + name:>14}" for name in peers)
    print(header)
    for kind, make in (("uniform", uniform_costs), ("euclidean", euclidean_costs)):
        for n in args.sizes:
            cost = make(n, np.random.default_rng(args.seed + n))
            medians, pairs = interleaved_medians(
                {name: (lambda solve=solve: solve(cost)) for name, solve in solvers.items()},
                args.repeats,
            )
            totals = {name: float(cost[rows, cols].sum()) for name, (rows, cols) in pairs.items()}
            check_totals(f"{kind} n={n}", totals)
            row = f"{kind:<14}{n:>6}" + "".join(f"{medians[name]:>14.3f}" for name in solvers)
            row += "".join(f"{medians['slmatch'] / medians[name]:>14.2f}" for name in peers)
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
        f"median of at least {args.repeats} runs (sparse: as many more as fit in 2 s); "
        "ratios are slmatch time / peer time"
    )
    if not args.skip_dense:
        run_dense(args)
    if not args.skip_sparse:
        run_sparse(args)


if __name__ == "__main__":
    main()
