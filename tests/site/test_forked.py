"""The stylesheet step's second process (generator/site/forked.py): forked only where it is safe and a core idles,
and whatever the child does, the caller gets its result or ``None`` (then it does the work itself)."""

from __future__ import annotations

import os
import threading

import pytest

from generator.site import forked


def test_a_child_s_result_comes_back_and_a_failed_child_gives_none() -> None:
    assert forked.Forked(lambda: {"pid": os.getpid(), "rules": [1, 2]}).result()["rules"] == [1, 2]
    assert forked.Forked(lambda: {"pid": os.getpid()}).result()["pid"] != os.getpid()

    def fails() -> None:
        raise RuntimeError("the child fails")

    assert forked.Forked(fails).result() is None
    assert forked.Forked(lambda: os.kill(os.getpid(), 9)).result() is None


def test_it_forks_only_when_one_thread_runs_and_a_core_is_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(forked, "running", lambda: 1)
    assert forked.possible()
    monkeypatch.setattr(forked, "running", lambda: 2)
    assert not forked.possible(), "both cores are busy (with this process and another)"
    monkeypatch.setattr(forked, "running", lambda: 1)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not forked.possible(), "a lock held by the other thread would stay locked in the child"
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not forked.possible(), "one core: nothing to gain"


def test_the_machine_s_runnable_threads_are_read() -> None:
    assert forked.running() >= 1
