"""Training, evaluation and distillation of the check-worthiness model (scikit-learn, SciPy).

Apart from the run-time detector: only the management commands
(``train_detector``, ``evaluate_detector``, ``distill_embeddings``) and the
tests import this package, and nothing in
``claims.detection`` outside it does.  Fitting and evaluating need the optional
``train`` extra (scikit-learn and SciPy, ``pip install -e '.[train]'``);
distilling needs the ``distill`` extra; the detector at run time needs NumPy
alone.

- ``datasets``: ClaimBuster's files and the project's labelled news sentences
  (``data/``); plain Python, importable without the extra.
- ``fit``: the model fitted with scikit-learn and exported for the NumPy runtime.
- ``evaluation`` and ``metrics``: the figures of a model beside a baseline.
- ``distill``: the static embedding table distilled from the sentence encoder.
"""
