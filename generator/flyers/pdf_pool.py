"""The print pages of one build rendered in parallel worker processes (issue #23: PDF build time).

An engine renders one sheet at a time on one core (WeasyPrint about 0.5 s a sheet, ~176 sheets per town with
both editions; Typst, the build's engine since 2026-12-07, about 0.05 s), so a build on a 2-core machine left one
core idle for most of its time. ``SheetPool`` hands the
sheets to ``workers`` processes, each with its own engine, and gives the results back in the order asked:
the bytes are the ones the engine makes in this process (the engine is deterministic; tested in
``tests/flyers/test_parallel_pdfs.py``). With one worker it is the engine in this process, as before.

The engine is made by a factory (``engine``), in each worker on its first sheet: a future engine (Typst, …)
plugs in there, and only there. The factory must be picklable (a module-level function or a
``functools.partial`` of one) when the workers are not forked.

How workers start (``start_method``): forked when this process runs one thread, so they begin with the engine
already imported; a process with other threads (``mkdocs serve``'s reloader, or Typst's native thread pool once
this process has compiled a sheet itself) must not fork — a lock held by another thread stays locked in the
child, a work queue stays unserved — so it uses a fork server that imports the engine once, else spawn (each
worker imports it). Every way gives the same bytes.

Nested pools: ``build --all`` already runs one town per core; its towns set the number of PDF workers so that
towns × PDF workers stays within the cores (``generator/build.py``), never a pool per town per core.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from generator.errors import BuildError
from generator.flyers.pdf import SheetRenderer
from generator.worker_lifetime import end_with_parent

Page = tuple[str, str]
"""A print page to render: its HTML and its site path."""
Rendered = tuple[bytes, int, float]
"""What ``SheetRenderer.render_measured`` gives: the PDF, its number of pages, the tallest sheet in mm."""
Versions = Sequence[Page]
"""One print page and its shorter versions, in the order the A4 fit check tries them (``feature.py``)."""
Fits = Callable[[int, float], bool]
"""Whether a version laid out on (pages, tallest mm) fits its sheets. Picklable (a module-level function): the
workers call it."""
Kept = tuple[int, Rendered]
"""Which version was kept (its index in ``Versions``) and what it rendered to."""

WORKERS_CAP = 4
"""At most this many workers by default: each holds a WeasyPrint with its fonts (~150 MB), and a town has
too few sheets for more to pay off. ``--pdf-workers`` may ask for more."""


class PdfRenderFailed(BuildError):
    """A print page could not be made into a PDF (in this process or in a worker)."""


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, as a container or ``taskset`` limits it), at most
    ``WORKERS_CAP``."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, WORKERS_CAP))


def start_method() -> str:
    """``fork`` in a single-threaded process, else ``forkserver``, else ``spawn`` (see the module's notes)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and single_threaded():
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def single_threaded() -> bool:
    """Whether this process runs one thread, counting the threads Python does not know of: Typst's compiler
    keeps a pool of native threads once it has compiled here (a child forked then waits forever on a work
    queue no thread serves). Linux lists every thread in /proc/self/task; elsewhere Python's count."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return threading.active_count() == 1


def make_engine(factory: Callable[[], SheetRenderer]) -> SheetRenderer:
    """``factory()``, with a failure that is not one of our messages turned into one."""
    try:
        return factory()
    except BuildError:
        raise
    except Exception as error:  # noqa: BLE001 (an engine library that cannot start: said in words)
        raise PdfRenderFailed(f"PDF を 作る 部品を 用意できませんでした（{type(error).__name__}: {error}）。") from error


def render_fitting(engine: SheetRenderer, versions: Versions, fits: Fits | None = None) -> Kept:
    """The first of ``versions`` that ``fits``, rendered (the last one whatever it measures), and its index.

    A version that is not the last is first laid out without writing its PDF when the engine can
    (``measure``: Typst), so a sheet tried in three versions is written once, not three times; the choice is
    the one rendering each version would give (the same layout, the same numbers)."""
    last = len(versions) - 1
    measure = getattr(engine, "measure", None)
    for index, (html, url) in enumerate(versions):
        if index < last and fits is not None and measure is not None:
            if not fits(*_failing_as_ours(measure, html, url)):
                continue
        rendered = render_one(engine, html, url)
        if index == last or fits is None or fits(rendered[1], rendered[2]):
            return index, rendered
    raise ValueError("a print page without a version to render")


def render_one(engine: SheetRenderer, html: str, url: str) -> Rendered:
    """``engine.render_measured``, with any failure that is not already one of our messages turned into one
    that names the page. The same in this process and in a worker, so both paths fail alike."""
    return _failing_as_ours(engine.render_measured, html, url)


def _failing_as_ours(call: Callable[[str, str], object], html: str, url: str):  # noqa: ANN202 (the call's result)
    try:
        return call(html, url)
    except BuildError:
        raise  # our own messages (a missing font file, …) are already clear, and pickle as they are
    except Exception as error:  # noqa: BLE001 (WeasyPrint or an engine library: any error, reported by page)
        raise PdfRenderFailed(
            f"印刷用ページ {url} の PDF を 作れませんでした（{type(error).__name__}: {error}）。"
        ) from error


Inspect = Callable[[bytes, str], object]
"""Look at a kept PDF and the print page it was made from, where it was made (``feature.sheet_font_use``: the
glyph and font check), so that it runs in the workers too. Picklable (a module-level function)."""
Warm = Callable[[SheetRenderer], object]
"""What a worker prepares as it starts, given its new engine (``feature.warm_pdf_worker``). Picklable (a
module-level function). A failure there is set aside: the first sheet that needs what failed says why."""
Done = tuple[int, Rendered, object]
"""``Kept`` with what ``Inspect`` found in its PDF (``None`` without one)."""


class SheetPool:
    """A ``SheetRenderer`` made of ``workers`` engines, each in its own process (1: one engine in this one).

    ``start`` hands many pages to the workers and returns at once (a ``Batch``: its ``results`` wait), so this
    process can do other work while they render — a build starts every edition's sheets before its other
    features run. The workers live until ``close`` (a ``with`` block): one pool for every batch of a build.
    ``render_all`` renders and waits; ``render_measured`` (the ``SheetRenderer`` interface) renders one page.
    """

    def __init__(
        self, engine: Callable[[], SheetRenderer], workers: int = 1, *, method: str | None = None,
        warm: Warm | None = None,
    ):
        self.engine = engine
        self.workers = max(1, workers)
        self.method = method
        self.warm = warm
        self._local: SheetRenderer | None = None
        self._executor: ProcessPoolExecutor | None = None
        self._batches: list[Batch] = []

    def __enter__(self) -> SheetPool:
        return self

    def __exit__(self, *exception: object) -> None:
        self.close()

    def close(self) -> None:
        """End the workers: at once, dropping sheets not started, when a batch was left unread (the build
        failed), else after the work handed to them."""
        if self._executor is not None:
            unread = any(not batch.read for batch in self._batches)
            self._executor.shutdown(wait=not unread, cancel_futures=unread)
            self._executor = None

    def start_workers(self) -> None:
        """Start the workers now, before the first sheet: each makes its engine and runs ``warm`` as it starts
        (the fonts read, the glyph check's character maps: ≈ 0.3 s a worker), while this process still makes
        the print pages. Nothing with one worker (its engine is made when the results are asked for)."""
        if self.workers > 1:
            executor = self._pool()
            for _ in range(self.workers):  # (a forked pool starts every worker on the first; others one a task)
                executor.submit(_nothing)

    def render_measured(self, html: str, url: str) -> Rendered:
        return self.render_all([[(html, url)]])[0][1]

    def render_all(
        self,
        pages: Sequence[Versions],
        fits: Fits | None = None,
        done: Callable[[int], None] | None = None,
    ) -> list[Kept]:
        """Every page rendered, in the order of ``pages``: for each, the first of its versions that ``fits``
        (``render_fitting``: the A4 fit check's shorter versions), with that version's index.
        ``done(n)`` is told how many pages are finished (progress lines). One page is rendered here.
        """
        # The longest pages first (an instructor's three sheets), so no worker is left alone with one at the end.
        order = sorted(range(len(pages)), key=lambda i: -len(pages[i][0][0]))
        batch = self.start([pages[i] for i in order], fits, here=len(pages) < 2)
        try:
            results = batch.results(done)
        finally:
            self.close()  # (a pool used only through render_all keeps no workers once it returned)
        kept: list[Kept | None] = [None] * len(pages)
        for place, (version, rendered, _) in zip(order, results, strict=True):
            kept[place] = (version, rendered)
        return kept  # type: ignore[return-value] (every place was filled)

    def start(
        self, pages: Sequence[Versions], fits: Fits | None = None, inspect: Inspect | None = None, *, here: bool = False
    ) -> Batch:
        """Hand ``pages`` to the workers (more with ``Batch.add``); with one worker (or ``here``) they are
        rendered in this process when the results are asked for, as before. ``inspect`` looks at each kept PDF (and
        its print page) in the process that made it."""
        batch = Batch(self, fits, inspect, here=here or self.workers == 1)
        self._batches.append(batch)
        for versions in pages:
            batch.add(versions)
        return batch

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            method = self.method or start_method()
            context = multiprocessing.get_context(method)
            if method == "forkserver":  # the server imports the engine once; every worker is forked from it
                context.set_forkserver_preload(["typst", __name__])
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_start_worker,
                initargs=(self.engine, self.warm),
            )
        return self._executor

    def _render_here(self, pages: Sequence[Versions], fits: Fits | None, inspect: Inspect | None, done) -> list[Done]:  # noqa: ANN001
        if self._local is None:
            self._local = make_engine(self.engine)
        results = []
        for versions in pages:
            version, rendered = render_fitting(self._local, versions, fits)
            results.append((version, rendered, _inspected(inspect, rendered[0], versions[version])))
            done(len(results))
        return results


class Batch:
    """Pages handed to a ``SheetPool``; ``results`` waits for them (in the order they were added)."""

    def __init__(self, pool: SheetPool, fits: Fits | None, inspect: Inspect | None, *, here: bool = False):
        self.pool, self.fits, self.inspect, self.here = pool, fits, inspect, here
        self.pages: list[Versions] = []
        self.pending: dict[Future[Done], int] = {}
        self.read = False

    def add(self, versions: Versions) -> None:
        """One more page: in the workers it starts at once (a build hands each sheet over as soon as its print
        page is made, and goes on making the next)."""
        self.pages.append(list(versions))
        if not self.here:
            self.submit(self.pool._pool(), len(self.pages) - 1)

    def submit(self, executor: ProcessPoolExecutor, index: int) -> None:
        try:
            self.pending[executor.submit(_render_in_worker, list(self.pages[index]), self.fits, self.inspect)] = index
        except BrokenProcessPool:  # a worker died while pages were still being handed over
            raise _died() from None

    def results(self, done: Callable[[int], None] | None = None) -> list[Done]:
        """Every page's kept version, its rendering and what ``inspect`` found, in the order of the pages.
        Raises ``PdfRenderFailed`` (a page's message, or a worker that died)."""
        done = done or (lambda count: None)
        self.read = True
        if self.here:
            return self.pool._render_here(self.pages, self.fits, self.inspect, done)
        results: list[Done | None] = [None] * len(self.pages)
        finished = 0
        try:
            while self.pending:
                complete, _ = wait(self.pending, return_when=FIRST_COMPLETED)
                for future in complete:
                    index = self.pending.pop(future)
                    results[index] = future.result()
                    finished += 1
                    done(finished)
        except BrokenProcessPool:
            self.read = False  # the pool ends at once
            raise _died() from None
        except BaseException:
            # Leave at once: the sheets not started are dropped, the ones running (one per worker) end.
            self.read = False
            self.pool.close()
            raise
        return results  # type: ignore[return-value] (every index was filled)


def _died() -> PdfRenderFailed:
    return PdfRenderFailed(
        "PDF を 作る プロセスが 途中で 止まりました（メモリが 足りなく なって 止められたか、PDF を 作る 部品が "
        "異常終了しました）。もう一度 ビルドするか、--pdf-workers 1 で 1つずつ 作って ください。"
    )


def _inspected(inspect: Inspect | None, pdf: bytes, page: Page) -> object:
    html, url = page
    return None if inspect is None else _failing_as_ours(lambda pdf, url: inspect(pdf, html), pdf, url)


_ENGINE_FACTORY: Callable[[], SheetRenderer] | None = None
_ENGINE: SheetRenderer | None = None


def _start_worker(factory: Callable[[], SheetRenderer], warm: Warm | None = None) -> None:
    # Why an error here is not raised: an error in an initializer only says "the pool broke"; the engine is then
    # made again on the first sheet, and its error (a missing font file, …) comes back as the page's error,
    # with its message.
    global _ENGINE_FACTORY, _ENGINE
    _ENGINE_FACTORY = factory
    end_with_parent()  # a build killed with SIGKILL leaves no worker waiting for work (generator/worker_lifetime.py)
    if warm is not None:
        try:
            _ENGINE = make_engine(factory)
            warm(_ENGINE)
        except Exception:  # noqa: BLE001 (said by the first sheet, see above)
            _ENGINE = None


def _nothing() -> None:
    """A task that only makes the pool start its workers (``SheetPool.start_workers``)."""


def _render_in_worker(versions: list[Page], fits: Fits | None, inspect: Inspect | None = None) -> Done:
    global _ENGINE
    if _ENGINE is None:
        assert _ENGINE_FACTORY is not None
        _ENGINE = make_engine(_ENGINE_FACTORY)
    version, rendered = render_fitting(_ENGINE, versions, fits)
    return version, rendered, _inspected(inspect, rendered[0], versions[version])
