"""Schema validation of an input file's data, kept between builds for data that passed.

A rebuild after one edit validated every input file again (about 40 files with the edition's variants) and, before
that, built every model's validator at import (pydantic: ≈ 5 % of the imports' instructions). Now the models build
their validators when first asked to validate (``defer_build`` in ``generator/model/common.py``), and
``validated`` keeps, through ``generator/kept.py`` (whose store adds the code fingerprint: this code, the models,
pydantic's version), the validated model of data that passed, under the model's name, the validation context and
the file's content (or the data's exact JSON text). A rebuild then validates the edited file only, and builds only its model's validator.

What can never happen:

- **a hidden error**: data that fails validation is never kept (the ``ValidationError`` goes to the caller, which
  reports every field as before), and a kept model is only ever the result of validating exactly that data with
  this code, so the same data would pass again;
- **a wrong model from a damaged entry**: an entry is the SHA-256 of its pickle and the pickle; one that does not
  match, does not unpickle, or is not an instance of the model asked for is ignored and the data is validated;
- **two data under one key**: the key is a digest of the input file's bytes the data was read from (the loader
  makes the data from those bytes alone), or, for data made otherwise (an edition's text variant merged with its
  base file), the data's JSON text (``str`` keys, and ``1``, ``1.0``, ``true`` and ``"1"`` written apart, the
  order of keys kept); such data that JSON cannot write exactly (a date, a non-text key) is validated every
  time, never kept.

A kept entry is a pickle, that is, code run on reading: the cache folder is trusted like the code (as for the
compiled templates, ``generator/cache/templates.py``).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.kept import kept, keeping, remember_source

Model = TypeVar("Model", bound=BaseModel)


def validated(
    model: type[Model], data: Any, context: dict[str, Any] | None = None, *, decoded_from: bytes | None = None  # noqa: ANN401
) -> Model:
    """``model.model_validate(data, context=context)`` (raising its ``ValidationError``), or the model it gave for
    the same data and context in an earlier build (see the module's docstring). ``decoded_from``: a digest of the
    bytes ``data`` was decoded from, when it is one file's content and nothing else (``LoadedYaml.content``): then
    the key is that digest — the same bytes give the same data — and the data is not written out to make a key."""
    if not keeping():
        return model.model_validate(data, context=context)
    if decoded_from is not None:
        key = b"file\0" + decoded_from
    else:
        text = _exact_text(data)
        if text is None:
            return model.model_validate(data, context=context)
        key = b"data\0" + text.encode("utf-8", errors="surrogatepass")
    made: list[Model] = []

    def validate() -> bytes:
        made.append(model.model_validate(data, context=context))
        payload = pickle.dumps(made[0], protocol=pickle.HIGHEST_PROTOCOL)
        return hashlib.sha256(payload).digest() + payload

    name = f"{model.__module__}.{model.__qualname__}"
    settings = json.dumps(context, sort_keys=True, ensure_ascii=False)
    source = b"\0".join((b"validated", name.encode(), settings.encode(), key))
    entry = kept(source, validate)
    result = made[0] if made else _unpickled(entry, model)
    if result is None:
        return model.model_validate(data, context=context)
    # (the model is what this code makes of exactly this source: a render keyed by the model may be keyed by that)
    remember_source(result, source)
    return result


def _exact_text(data: Any) -> str | None:  # noqa: ANN401 (YAML data)
    """The data's JSON text, or ``None`` when JSON would not tell it apart from other data: a key that is not text
    (JSON writes the key ``1`` as ``"1"``) or a value that JSON cannot write (a date)."""
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) if _text_keys(data) else None
    except (TypeError, ValueError):
        return None


def _text_keys(data: Any) -> bool:  # noqa: ANN401 (YAML data)
    """Whether every mapping in ``data`` has text keys only and every value is a plain JSON value (``str``, ``int``,
    ``float``, ``bool``, ``None``, ``list``, ``dict`` — exactly those types, no subclass JSON would write alike)."""
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            if not all(type(key) is str for key in value):
                return False
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif kind not in _SCALARS:
            return False
    return True


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _unpickled(entry: bytes, model: type[Model]) -> Model | None:
    """The model in a kept entry, or ``None`` when the entry is damaged or holds anything else."""
    digest, payload = entry[:32], entry[32:]
    if len(digest) != 32 or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        result = pickle.loads(payload)
    except Exception:  # noqa: BLE001 (a damaged entry: validate the data instead)
        return None
    return result if type(result) is model else None
