#!/usr/bin/python3
# Welch's t-test computed apart from Gemba's code, for the expectations in tests/test_compare.cpp:
# the mean and sample SD from the values, t and the Welch–Satterthwaite df from their formulas, the
# two-sided p and the 95 % t quantile by integrating Student's t density with Simpson's rule
# (no library statistics). Run: /usr/bin/python3 tests/welch_check.py
import math

def describe(xs):
    n = len(xs)
    m = sum(xs) / n
    return n, m, math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))

def density(df):
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    return lambda x: c * (1 + x * x / df) ** (-(df + 1) / 2)

def simpson(f, a, b, steps=200000):
    h = (b - a) / steps
    s = f(a) + f(b)
    for i in range(1, steps):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return s * h / 3

def welch(n1, m1, s1, n2, m2, s2, level=0.95):
    v1, v2 = s1 * s1 / n1, s2 * s2 / n2
    se = math.sqrt(v1 + v2)
    d = m2 - m1
    t = d / se
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    f = density(df)
    p = 1 - 2 * simpson(f, 0, abs(t))
    lo, hi = 0.0, 50.0  # the quantile: 2·∫₀^q f = level, by bisection
    for _ in range(60):
        mid = (lo + hi) / 2
        if 2 * simpson(f, 0, mid, 20000) < level: lo = mid
        else: hi = mid
    return dict(d=d, se=se, t=t, df=df, p=p, q=lo, ci=(d - lo * se, d + lo * se))

def show(name, r):
    print(name, " ".join(f"{k}={v}" for k, v in r.items()))

# Wikipedia, "Welch's t-test", Examples, the first pair of samples (A1 before, A2 after).
A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
show("wikipedia", welch(*describe(A1), *describe(A2)))
# Summary statistics only: n 20, mean 100, s 15 before; n 20, mean 95, s 20 after.
show("summary", welch(20, 100, 15, 20, 95, 20))
# The test walks' Fasten (20 22 18 24 s → 12 14 13 s) and Pick part (10 12 11 13 s → 10 11 10 s).
show("fasten", welch(*describe([20, 22, 18, 24]), *describe([12, 14, 13])))
show("pick", welch(*describe([10, 12, 11, 13]), *describe([10, 11, 10])))
