"""Schema validation of an input file's data, kept between builds for data that passed.

A rebuild after one edit validated every input file again (about 60 files with the edition's variants) and, before
that, built every model's validator at import (pydantic: ~0.06 s of every fresh process). Now the models build
their validators when first asked to validate (``defer_build`` in ``generator/model/common.py``), and
``validated`` keeps, through ``generator/kept.py`` (whose store adds the code fingerprint: this code, the models,
pydantic's version), the validated model of data that passed, under the model's name, the validation context and
the data's exact JSON text. A rebuild then validates the edited file only, and builds only its model's validator.

What can never happen:

- **a hidden error**: data that fails validation is never kept (the ``ValidationError`` goes to the caller, which
  reports every field as before), and a kept model is only ever the result of validating exactly that data with
  this code, so the same data would pass again;
- **a wrong model from a damaged entry**: an entry is the SHA-256 of its pickle and the pickle; one that does not
  match, does not unpickle, or is not an instance of the model asked for is ignored and the data is validated;
- **two data under one key**: the key is the data's JSON text (``str`` keys, and ``1``, ``1.0``, ``true`` and
  ``"1"`` written apart, the order of keys kept); data that JSON cannot write exactly (a date, a non-text key) is
  validated every time, never kept.

A kept entry is a pickle, that is, code run on reading: the cache folder is trusted like the code (as for the
compiled templates, ``generator/cache/templates.py``).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from typing import Any, TypeVar

from pydantic import BaseModel

from generator.kept import kept, keeping

Model = TypeVar("Model", bound=BaseModel)


def validated(
    model: type[Model], data: Any, context: dict[str, Any] | None = None, *, read_from: str | None = None  # noqa: ANN401
) -> Model:
    """``model.model_validate(data, context=context)`` (raising its ``ValidationError``), or the model it gave for
    the same data and context in an earlier build (see the module's docstring). ``read_from``: the JSON text
    ``data`` was decoded from, when the caller has it (then the key is that text: JSON gives the same data for the
    same text, and a large file is not written out again to make its key)."""
    if not keeping():
        return model.model_validate(data, context=context)
    text = _exact_text(data) if read_from is None else "json\0" + read_from
    if text is None:
        return model.model_validate(data, context=context)
    made: list[Model] = []

    def validate() -> bytes:
        made.append(model.model_validate(data, context=context))
        payload = pickle.dumps(made[0], protocol=pickle.HIGHEST_PROTOCOL)
        return hashlib.sha256(payload).digest() + payload

    name = f"{model.__module__}.{model.__qualname__}"
    settings = json.dumps(context, sort_keys=True, ensure_ascii=False)
    source = b"\0".join((b"validated", name.encode(), settings.encode(), text.encode("utf-8", errors="surrogatepass")))
    entry = kept(source, validate)
    if made:
        return made[0]
    reused = _unpickled(entry, model)
    return reused if reused is not None else model.model_validate(data, context=context)


def _exact_text(data: Any) -> str | None:  # noqa: ANN401 (YAML data)
    """The data's JSON text, or ``None`` when JSON would not tell it apart from other data: a key that is not text
    (JSON writes the key ``1`` as ``"1"``) or a value that JSON cannot write (a date)."""
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=True, default=_refuse,
                          check_circular=True, skipkeys=False) if _text_keys(data) else None
    except (TypeError, ValueError):
        return None


def _refuse(value: object) -> object:
    raise TypeError(f"not kept: {type(value).__name__}")


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
