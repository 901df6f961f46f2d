"""The packages of the wheel, which pyproject.toml cannot list alone: the code found under planner/, and
data/ of the repository as the package planner.data (mapped by [tool.setuptools.package-dir]).

data/ stays where people edit it, at the top of the repository; the wheel carries it as planner/data, and
planner.config.shipped_file finds it there through importlib.resources (or in data/ of a checkout).
"""

from setuptools import find_namespace_packages, setup

CODE = find_namespace_packages(include=["planner", "planner.*"], exclude=["*.__pycache__"])
DATA = ["planner.data", *(f"planner.data.{name}" for name in find_namespace_packages(
    where="data", exclude=["__pycache__", "*.__pycache__"]))]

setup(packages=[*CODE, *DATA])
