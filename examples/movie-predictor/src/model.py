"""A rating predictor: global mean + user and movie biases + low-rank tastes, fitted by alternating least squares.
One epoch is one sweep over users and then movies; epochs 0 leaves the global mean alone (a deliberately weak
model, useful to see the gate fail)."""
import json
import os
import numpy as np


class RatingModel:
    def __init__(self, mean, user_bias, movie_bias, user_f, movie_f):
        self.mean, self.user_bias, self.movie_bias = mean, user_bias, movie_bias
        self.user_f, self.movie_f = user_f, movie_f

    def predict(self, users, movies):
        known_u = users < len(self.user_bias)
        known_m = movies < len(self.movie_bias)
        u = np.where(known_u, users, 0)
        m = np.where(known_m, movies, 0)
        p = (self.mean + np.where(known_u, self.user_bias[u], 0.0) + np.where(known_m, self.movie_bias[m], 0.0)
             + np.where(known_u & known_m, np.sum(self.user_f[u] * self.movie_f[m], axis=1), 0.0))
        return np.clip(p, 0.5, 5.0)

    def save(self, model_dir, meta):
        os.makedirs(model_dir, exist_ok=True)
        np.savez(os.path.join(model_dir, "weights.npz"), mean=np.array([self.mean]), user_bias=self.user_bias,
                 movie_bias=self.movie_bias, user_f=self.user_f, movie_f=self.movie_f)
        with open(os.path.join(model_dir, "model.json"), "w") as f:
            json.dump(meta, f, indent=2, sort_keys=True)

    @staticmethod
    def load(model_dir):
        w = np.load(os.path.join(model_dir, "weights.npz"))
        return RatingModel(float(w["mean"][0]), w["user_bias"], w["movie_bias"], w["user_f"], w["movie_f"])


def _solve_side(idx_self, idx_other, residual, other_f, n_self, rank, reg):
    """Least-squares update of one side's [bias, factors] given the other side, one small solve per entity."""
    bias = np.zeros(n_self)
    factors = np.zeros((n_self, rank))
    design = np.hstack([np.ones((len(idx_other), 1)), other_f[idx_other]])
    order = np.argsort(idx_self, kind="stable")
    bounds = np.searchsorted(idx_self[order], np.arange(n_self + 1))
    penalty = reg * np.eye(rank + 1)
    for e in range(n_self):
        rows = order[bounds[e]:bounds[e + 1]]
        if len(rows) == 0:
            continue
        x = design[rows]
        sol = np.linalg.solve(x.T @ x + penalty, x.T @ residual[rows])
        bias[e], factors[e] = sol[0], sol[1:]
    return bias, factors


def fit(users, movies, ratings, epochs, rank=8, reg=5.0, seed=42, history=None):
    """history, when given, is a list that gets (epoch, train_rmse) after every epoch."""
    n_users, n_movies = int(users.max()) + 1, int(movies.max()) + 1
    rng = np.random.default_rng(seed)
    mean = float(ratings.mean())
    user_bias, movie_bias = np.zeros(n_users), np.zeros(n_movies)
    user_f = rng.normal(0.0, 0.1, (n_users, rank))
    movie_f = rng.normal(0.0, 0.1, (n_movies, rank))
    if epochs == 0:
        user_f[:] = 0.0
        movie_f[:] = 0.0
    for epoch in range(epochs):
        user_bias, user_f = _solve_side(users, movies, ratings - mean - movie_bias[movies], movie_f, n_users, rank, reg)
        movie_bias, movie_f = _solve_side(movies, users, ratings - mean - user_bias[users], user_f, n_movies, rank, reg)
        model = RatingModel(mean, user_bias, movie_bias, user_f, movie_f)
        train_rmse = float(np.sqrt(np.mean((model.predict(users, movies) - ratings) ** 2)))
        print(f"epoch {epoch + 1}/{epochs}: train_rmse={train_rmse:.4f}", flush=True)
        if history is not None:
            history.append((epoch + 1, train_rmse))
    return RatingModel(mean, user_bias, movie_bias, user_f, movie_f)
