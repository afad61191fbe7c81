"""Change between quarters: match the groups of two or more score reports and test what changed.

The comparison works on `ScoreReport`s only, i.e. on the n, mean and sd of every group a quarter
shows. A survey file is scored first and a saved result is read as it is, so the two give the
same comparison by construction, and old raw answers need not be kept.

- `options`: what a comparison is asked to do (`CompareOptions`, `Rename`).
- `statistics`: Welch's test, Hedges' g, the paired test, and the label of a change.
- `matching`: which groups of the quarters are the same group; whether the quarters compare.
- `people`: person-level data of a survey file, for the paired view (`people`, `Side`).
- `paired`: who stayed, joined and left, and the stayers' own change, under the same privacy.
- `diff` and `trend`: the two comparisons, ``mes diff`` and ``mes trend``.

scipy is imported inside the functions that test: it costs most of a second to import. The
package imports none of its modules: import each name from its module. ``mes diff`` needs only
`CompareOptions` to check its options, and importing every comparison with it (polars too,
0.3 s) held the command up before the quarters started loading.
"""
