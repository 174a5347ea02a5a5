"""Records: the domain's data classes, plain Python objects, checked by pydantic at the edges.

Making a record does not validate it: the planner, the gap analysis, the CV reader and the
catalog cache make records from values that are right by construction (or were checked
when they were first read). Data from outside (a file, a form, a stored row) goes through
`model_validate` / `model_validate_json`, which check it with pydantic against a pydantic
model made from the record's own declaration (its types, `field(...)` limits and checks) on
first use, and raise pydantic's ValidationError (a ValueError) in its words.

So a command that only plans, or a start that only reads checked data, never imports
pydantic (a third of such a command's time), and what a record accepts is still declared
once, beside its fields.

A record keeps pydantic's names for what the code uses (`model_dump`, `model_dump_json`,
`model_copy`, `model_validate`, `model_validate_json`, `model_construct`), and its JSON is
the same: fields in declared order, dates as ISO text, whole numbers in float fields as
floats.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

R = TypeVar("R", bound="Record")
_MISSING: Any = object()


class Limits:
    """Limits on a value, in pydantic's `Field` words (ge, le, min_length, max_length,
    pattern, allow_inf_nan), for `Annotated[...]` types: `Annotated[int, Limits(ge=0)]`."""

    __slots__ = ("kw",)

    def __init__(self, **kw: Any) -> None:
        self.kw = kw

    def __repr__(self) -> str:
        return f"Limits({', '.join(f'{k}={v!r}' for k, v in self.kw.items())})"


class _Field:
    __slots__ = ("default", "limits")

    def __init__(self, default: Any, limits: dict[str, Any]) -> None:
        self.default = default
        self.limits = limits


def field(default: Any = _MISSING, **limits: Any) -> Any:
    """A field's default (none: the field is required) and its limits, in pydantic's
    `Field` words: `title: str = field(min_length=1)`."""
    return _Field(default, limits)


Check = Callable[..., Any]


def check_field(*names: str) -> Callable[[Check], Any]:
    """A check of one or more fields' values, run when data is validated: a static function
    of the value that returns the value to keep (say, stripped) or raises ValueError."""

    def mark(fn: Check) -> Any:
        fn.__record_checks_fields__ = names  # type: ignore[attr-defined]
        return staticmethod(fn)

    return mark


def check(fn: Check) -> Check:
    """A check of the whole record, run when data is validated, after its fields: a method
    that raises ValueError when the values do not go together."""
    fn.__record_check__ = True  # type: ignore[attr-defined]
    return fn


# what a field's plain value needs when a record is made: float fields take whole numbers as
# floats, list and dict fields keep a copy of what they were given (as pydantic did)
_FLOAT, _LIST, _DICT = 1, 2, 3


def _shape(annotation: str) -> int:
    text = annotation.replace(" ", "")
    if text in ("float", "float|None", "Optional[float]"):
        return _FLOAT
    if text.startswith("list["):
        return _LIST
    if text.startswith("dict["):
        return _DICT
    return 0


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
class Record:
    """A plain data class: keyword construction, fields in declared order, equality by
    value; `frozen=True` forbids changing a field after construction, `forbid_extra=True`
    makes validation refuse keys that are not fields."""

    __record_fields__: ClassVar[tuple[str, ...]] = ()
    __record_defaults__: ClassVar[dict[str, Any]] = {}
    __record_shapes__: ClassVar[dict[str, int]] = {}
    __record_limits__: ClassVar[dict[str, dict[str, Any]]] = {}
    __record_frozen__: ClassVar[bool] = False
    __record_forbid_extra__: ClassVar[bool] = False

    def __init_subclass__(
        cls, *, frozen: bool | None = None, forbid_extra: bool | None = None, **kw: Any
    ) -> None:
        super().__init_subclass__(**kw)
        if frozen is not None:
            cls.__record_frozen__ = frozen
        if forbid_extra is not None:
            cls.__record_forbid_extra__ = forbid_extra
        names = list(cls.__record_fields__)
        defaults = dict(cls.__record_defaults__)
        shapes = dict(cls.__record_shapes__)
        limits = dict(cls.__record_limits__)
        # the class's own annotations, as text (inspect is not imported on the start path)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            if not isinstance(annotation, str):
                raise TypeError(f"{cls.__name__} needs `from __future__ import annotations`")
            if annotation.startswith("ClassVar"):
                continue
            if name not in names:
                names.append(name)
            value = cls.__dict__.get(name, _MISSING)
            if isinstance(value, _Field):
                limits[name] = value.limits
                value = value.default
            if value is _MISSING:
                defaults.pop(name, None)
            else:
                defaults[name] = value
                if name in cls.__dict__:
                    delattr(cls, name)
            shapes[name] = _shape(annotation)
        cls.__record_fields__ = tuple(names)
        cls.__record_defaults__ = defaults
        cls.__record_shapes__ = {k: v for k, v in shapes.items() if v}
        cls.__record_limits__ = limits

    def __init__(self, **values: Any) -> None:
        cls = type(self)
        shapes = cls.__record_shapes__
        defaults = cls.__record_defaults__
        own: dict[str, Any] = {}
        given = 0
        for name in cls.__record_fields__:
            if name in values:
                value = values[name]
                given += 1
            elif name in defaults:
                value = defaults[name]
                if isinstance(value, list | dict):
                    value = value.copy()
                own[name] = value
                continue
            else:
                raise TypeError(f"{cls.__name__}() needs the field {name!r}")
            shape = shapes.get(name)
            if shape == _FLOAT:
                if type(value) is int:
                    value = float(value)
            elif shape == _LIST:
                value = list(value)
            elif shape == _DICT:
                value = dict(value)
            own[name] = value
        if given != len(values):
            unknown = next(k for k in values if k not in own)
            raise TypeError(f"{cls.__name__}() has no field {unknown!r}")
        object.__setattr__(self, "__dict__", own)

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__record_frozen__:
            raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be changed")
        if name not in self.__record_fields__:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        self.__dict__[name] = value

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__}: fields cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        if not self.__record_frozen__:
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    # --- pydantic's names for what the code uses ---------------------------------------

    @classmethod
    def model_construct(cls: type[R], **values: Any) -> R:
        """The record from values known to be right (the same as calling the class)."""
        return cls(**values)

    def model_copy(self: R, *, update: dict[str, Any] | None = None) -> R:
        """A copy with some fields replaced (not validated, as with pydantic)."""
        new = object.__new__(type(self))
        own = dict(self.__dict__)
        if update:
            for name in update:
                if name not in own:
                    raise TypeError(f"{type(self).__name__} has no field {name!r}")
            own.update(update)
        object.__setattr__(new, "__dict__", own)
        return new

    def model_dump(
        self,
        *,
        mode: str = "python",
        include: set[str] | None = None,
        exclude: set[str] | None = None,
    ) -> dict[str, Any]:
        """The record as plain data: nested records as dicts; with mode="json", dates as
        ISO text too."""
        as_json = mode == "json"
        if include is None and exclude is None:
            return {
                name: value if type(value) in _PLAIN else _dump(value, as_json)
                for name, value in self.__dict__.items()
            }
        return {
            name: _dump(value, as_json)
            for name, value in self.__dict__.items()
            if (include is None or name in include) and (exclude is None or name not in exclude)
        }

    def model_dump_json(self, *, exclude: set[str] | None = None) -> str:
        """The record as compact JSON text (what pydantic's `model_dump_json` writes)."""
        data = self.model_dump(mode="json", exclude=exclude)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def model_validate(cls: type[R], data: Any) -> R:
        """The record from outside data, checked (pydantic's ValidationError when it is not
        right)."""
        if type(data) is cls:
            return data
        if isinstance(data, Record):
            data = data.model_dump()
        return typing.cast(R, _record_of(_twin(cls).model_validate(data)))

    @classmethod
    def model_validate_json(cls: type[R], text: str | bytes) -> R:
        """The record from outside JSON text, checked."""
        return typing.cast(R, _record_of(_twin(cls).model_validate_json(text)))

    @classmethod
    def model_rebuild(cls) -> None:
        """Make the checking model now (it is made on first use otherwise)."""
        _twin(cls)

    @classmethod
    def from_data(cls: type[R], data: Any) -> R:
        """The record from plain data that was validated before (the catalog cache): nested
        records, dates and floats made again, nothing checked. A field missing from `data`
        raises KeyError."""
        values = {}
        for name, convert in _converters(cls):
            value = data[name]
            values[name] = value if convert is None or value is None else convert(value)
        record = object.__new__(cls)
        object.__setattr__(record, "__dict__", values)
        return record


_PLAIN = frozenset({str, int, bool, type(None)})  # dumped as they are


def _dump(value: Any, as_json: bool) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is float:
        # as pydantic writes JSON: infinity and NaN, which JSON has not, as null
        return None if as_json and not math.isfinite(value) else value
    if isinstance(value, Record):
        return value.model_dump(mode="json" if as_json else "python")
    if isinstance(value, list | tuple):
        return [_dump(v, as_json) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, as_json) for k, v in value.items()}
    if as_json and isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- the record's types, resolved once -------------------------------------------------
# (in dicts, not functools.cache, whose type wants a hashable key: a record's type says its
# instances may not be, which mypy reads as the class)
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type[Record]) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls, include_extras=True)
    return hints


Convert = Callable[[Any], Any] | None  # None: the value is used as it is
_CONVERTERS: dict[type, tuple[tuple[str, Convert], ...]] = {}


def _converters(cls: type[Record]) -> tuple[tuple[str, Convert], ...]:
    plan = _CONVERTERS.get(cls)
    if plan is None:
        hints = _hints(cls)
        plan = tuple((name, _converter(hints[name])) for name in cls.__record_fields__)
        _CONVERTERS[cls] = plan
    return plan


def _converter(annotation: Any) -> Convert:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _converter(options[0]) if len(options) == 1 else None
    if origin is list:
        (item,) = typing.get_args(annotation)
        inner = _converter(item)
        return None if inner is None else (lambda v: [inner(x) for x in v])
    if origin is dict:
        _, item = typing.get_args(annotation)
        inner_d = _converter(item)
        return None if inner_d is None else (lambda v: {k: inner_d(x) for k, x in v.items()})
    if isinstance(annotation, type):
        if issubclass(annotation, Record):
            record = annotation
            return record.from_data
        if annotation is dt.date:
            return dt.date.fromisoformat
        if annotation is dt.datetime:
            return dt.datetime.fromisoformat
        if annotation is float:
            return float
    return None


# --- the pydantic model that checks a record's data (made on first use) -----------------

_TWINS: dict[type, Any] = {}
_RECORDS: dict[type, type[Record]] = {}  # a checking model -> its record


def _twin(cls: type[Record]) -> Any:
    """The pydantic model with the record's fields, limits and checks."""
    twin = _TWINS.get(cls)
    if twin is not None:
        return twin
    import pydantic

    hints = _hints(cls)
    fields: dict[str, Any] = {}
    for name in cls.__record_fields__:
        default = cls.__record_defaults__.get(name, ...)
        limits = cls.__record_limits__.get(name, {})
        fields[name] = (_pydantic_type(hints[name]), pydantic.Field(default, **limits))
    validators: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for attr, value in vars(klass).items():
            fn = value.__func__ if isinstance(value, staticmethod) else value
            names = getattr(fn, "__record_checks_fields__", None)
            if isinstance(names, tuple) and names and callable(fn):
                validators[attr] = pydantic.field_validator(*names)(_field_check(fn))
            elif getattr(fn, "__record_check__", False):
                validators[attr] = pydantic.model_validator(mode="after")(_whole_check(fn))
    config = pydantic.ConfigDict(
        extra="forbid" if cls.__record_forbid_extra__ else "ignore", from_attributes=True
    )
    twin = pydantic.create_model(
        cls.__name__,
        __config__=config,
        __validators__=validators,
        __module__=cls.__module__,
        **fields,
    )
    _TWINS[cls] = twin
    _RECORDS[twin] = cls
    return twin


def _field_check(fn: Check) -> Any:
    def run(cls: Any, value: Any) -> Any:
        return fn(value)

    return run


def _whole_check(fn: Check) -> Any:
    def run(self: Any) -> Any:
        fn(self)
        return self

    return run


def _pydantic_type(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        import pydantic

        base, *meta = typing.get_args(annotation)
        made = [pydantic.Field(**m.kw) if isinstance(m, Limits) else m for m in meta]
        return typing.Annotated[(_pydantic_type(base), *made)]
    if origin in (typing.Union, types.UnionType):
        options = tuple(_pydantic_type(a) for a in typing.get_args(annotation))
        return typing.Union[options]  # noqa: UP007  (made from a tuple)
    if origin is list:
        return list[_pydantic_type(typing.get_args(annotation)[0])]  # type: ignore[misc]
    if origin is dict:
        key, item = typing.get_args(annotation)
        return dict[_pydantic_type(key), _pydantic_type(item)]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _twin(annotation)
    return annotation


def _record_of(value: Any) -> Any:
    """What pydantic validated, made into records again."""
    record = _RECORDS.get(type(value))
    if record is not None:
        own = {name: _record_of(v) for name, v in value.__dict__.items()}
        made = object.__new__(record)
        object.__setattr__(made, "__dict__", own)
        return made
    if isinstance(value, list):
        return [_record_of(v) for v in value]
    if isinstance(value, dict):
        return {k: _record_of(v) for k, v in value.items()}
    return value
