"""scikit-learn's KMeans on the data file ClusteringBenchmark writes (float64, little-endian, n × 16).

Usage: python3 bench/sklearn_kmeans.py [file] [n_init] [runs] [first_seed]   (Debian: apt-get install python3-sklearn)
"""
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans

path = sys.argv[1] if len(sys.argv) > 1 else "bench/target/kmeans.f64"
n_init = int(sys.argv[2]) if len(sys.argv) > 2 else 1
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
first_seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
BEST_KNOWN_INERTIA = 1.600214e7
optimal = 0
X = np.fromfile(path, dtype="<f8").reshape(-1, 16)
print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}: {X.shape[0]:,} × {X.shape[1]}")
for run in range(first_seed, first_seed + runs):
    start = time.perf_counter()
    km = KMeans(n_clusters=8, init="k-means++", n_init=n_init, max_iter=300, tol=1e-4, random_state=run).fit(X)
    seconds = time.perf_counter() - start
    print(f"scikit-learn k-means run {run}: {seconds:.2f} s, {km.n_iter_} iterations, inertia {km.inertia_:.6e} (n_init {n_init}, algorithm {km.algorithm})")
    optimal += km.inertia_ < BEST_KNOWN_INERTIA * (1 + 1e-6)
print(f"best known inertia ({BEST_KNOWN_INERTIA:.6e}) reached in {optimal} of {runs} runs")
