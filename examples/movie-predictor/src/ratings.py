"""Synthetic movie ratings with the structure real ones have (user and movie biases, a few latent tastes,
noise), generated from a fixed seed so that every run, on every machine, sees the same data."""
import csv
import numpy as np

HEADER = ["user_id", "movie_id", "rating"]


def generate(n_users=600, n_movies=400, n_ratings=30000, rank=4, seed=7):
    rng = np.random.default_rng(seed)
    user_bias = rng.normal(0.0, 0.4, n_users)
    movie_bias = rng.normal(0.0, 0.5, n_movies)
    user_taste = rng.normal(0.0, 0.6, (n_users, rank))
    movie_taste = rng.normal(0.0, 0.6, (n_movies, rank))
    # Each (user, movie) pair at most once, like a real ratings table.
    pairs = rng.choice(n_users * n_movies, size=n_ratings, replace=False)
    users, movies = pairs // n_movies, pairs % n_movies
    signal = 3.5 + user_bias[users] + movie_bias[movies] + np.sum(user_taste[users] * movie_taste[movies], axis=1)
    ratings = np.clip(np.round((signal + rng.normal(0.0, 0.6, n_ratings)) * 2) / 2, 0.5, 5.0)
    return users.astype(np.int64), movies.astype(np.int64), ratings


def write_csv(path, users, movies, ratings):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for u, m, r in zip(users, movies, ratings):
            w.writerow([int(u), int(m), f"{r:.1f}"])


def read_csv(path):
    data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=np.float64)
    if data.ndim != 2 or data.shape[1] != 3:
        raise ValueError(f"{path}: expected columns {','.join(HEADER)}")
    return data[:, 0].astype(np.int64), data[:, 1].astype(np.int64), data[:, 2]


def split(users, movies, ratings, test_fraction=0.2, seed=11):
    """The same held-out 20 % on every run: metrics from different builds are comparable."""
    rng = np.random.default_rng(seed)
    test = rng.random(len(ratings)) < test_fraction
    return (users[~test], movies[~test], ratings[~test]), (users[test], movies[test], ratings[test])


if __name__ == "__main__":
    import sys
    write_csv(sys.argv[1] if len(sys.argv) > 1 else "ratings.csv", *generate())
