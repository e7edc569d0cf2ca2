"""pipeline.run.local_runner builds DirectRunner's FnApiRunner from Beam internals (to skip
the Prism download): these tests fail loudly when a Beam upgrade moves those internals, or
makes the workaround unnecessary."""
import inspect

from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.runners.direct import direct_runner
from apache_beam.runners.portability.fn_api_runner import fn_runner

from pipeline.run import local_runner


def test_local_runs_get_the_in_process_fnapi_runner():
    for flags in ([], ["--runner", "DirectRunner"], ["--runner", "direct"]):
        runner = local_runner(PipelineOptions(flags))
        assert isinstance(runner, fn_runner.FnApiRunner), flags


def test_the_runner_carries_the_pipeline_options_to_its_workers():
    runner = local_runner(PipelineOptions(["--direct_num_workers", "2"]))
    options = runner._provision_info.provision_info.pipeline_options
    assert int(options["beam:option:direct_num_workers:v1"]) == 2


def test_other_runners_are_left_to_beam():
    assert local_runner(PipelineOptions(["--runner", "PortableRunner"])) is None
    assert local_runner(PipelineOptions(["--runner", "DataflowRunner"])) is None


def test_direct_runner_still_tries_prism_first_and_builds_this_fallback():
    """If this fails, Beam changed DirectRunner: re-read `DirectRunner.run_pipeline` and
    either drop local_runner (no more Prism attempt) or follow the new fallback."""
    source = inspect.getsource(direct_runner.DirectRunner.run_pipeline)
    assert "PrismRunner" in source, "DirectRunner no longer tries Prism: local_runner may go"
    assert "fn_runner.FnApiRunner(provision_info=" in source, "DirectRunner builds its fallback differently now"
