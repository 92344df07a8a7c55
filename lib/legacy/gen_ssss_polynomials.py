#!/usr/bin/env python3
# For each degree n = 8, 16, ..., 1024: the pentanomial x^n + x^a + x^b + x^c + 1 (a > b > c > 0)
# with the smallest (a, b, c) in lexicographic order that is irreducible over GF(2) -- the rule
# by which Seroussi's "Table of Low-Weight Binary Irreducible Polynomials" (HP Labs, 1998) lists
# them (degrees that are multiples of 8 have no irreducible trinomial, by Swan's theorem).
# Irreducibility by Ben-Or's test: f of degree n is irreducible iff gcd(x^(2^i) - x, f) = 1 for
# i = 1 .. n/2.
import sys

def spread(b):
    r = 0
    for k in range(8):
        if b >> k & 1: r |= 1 << (2 * k)
    return r
SQ = [spread(i) for i in range(256)]
def square(u):
    r = 0; shift = 0
    while u:
        r |= SQ[u & 0xFF] << shift
        u >>= 8; shift += 16
    return r
def reduce(u, n, a, b, c):
    mask = (1 << n) - 1
    while u >> n:
        hi = u >> n
        u = (u & mask) ^ hi ^ (hi << a) ^ (hi << b) ^ (hi << c)
    return u
def gcd(f, g):
    while g:
        dg = g.bit_length()
        while f and f.bit_length() >= dg:
            f ^= g << (f.bit_length() - dg)
        f, g = g, f
    return f
def irreducible(n, a, b, c):
    f = (1 << n) | (1 << a) | (1 << b) | (1 << c) | 1
    u = 2
    for _ in range(n // 2):
        u = reduce(square(u), n, a, b, c)
        if gcd(f, u ^ 2) != 1: return False
    return True
def first(n):
    for a in range(3, n):
        for b in range(2, a):
            for c in range(1, b):
                if irreducible(n, a, b, c): return (a, b, c)
for n in range(8, 1025, 8):
    print(n, *first(n), flush=True)
