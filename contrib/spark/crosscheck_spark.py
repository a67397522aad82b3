#!/usr/bin/env python3
"""crosscheck on Apache Spark: the steps of one `crosscheck run`, spread
over a cluster, with the facts of a single-machine run.

    spark-submit contrib/spark/crosscheck_spark.py \\
        --binary /opt/crosscheck/bin/crosscheck \\
        --partitions 400 --reduce-partitions 200 \\
        --report ./report  hdfs:///news/2026-11-24/

Steps (see README, "Running on a cluster"):

1. list   — the inputs as "given file" lines: `crosscheck files` on the
            driver (--via files: paths every executor can read, such as a
            shared mount), or Spark's own reader (--via spark: the bytes of
            each file from HDFS, S3, ..., sent base64 in the line);
2. map    — each partition of files through `crosscheck extract --records
            --files-from -`: a `document` (or `skipped`) line per article
            and a `claim` line per claim, carrying its partition key;
3. shuffle— claims by key (a CRC-32 of the key, the same on every run);
4. reduce — each key group through `crosscheck reconcile --records --emit
            contests -`; every document line and contest line through one
            `crosscheck sources -` (copies and agreement, corpus-wide);
            each key group again, with that sources line, through
            `crosscheck reconcile --records --emit facts -`;
5. report — document, sources and fact lines streamed to the driver's
            `crosscheck reconcile --records - --out REPORT`: facts.json,
            report.md and report.html (without article texts: executors
            keep none).

Every crosscheck step ignores the order of its input lines, so the
partitioning, Spark's scheduling and task retries do not change a byte of
facts.json. Only the Python standard library and pyspark are needed.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import zlib


def crosscheck(binary, args, rules=None):
    """A mapPartitions function: the partition's lines through one run of
    the crosscheck binary, its output lines back. Exit 0 is success, 1 is
    success with skipped inputs (they are records too); anything else
    fails the task with crosscheck's message."""
    command = [binary] + (["--rules", rules] if rules else []) + args

    def run(lines):
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        errors = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8"))
                    proc.stdin.write(b"\n")
            except BrokenPipeError:
                pass  # the binary stopped early; its exit code says why
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        def drain():
            errors.append(proc.stderr.read())

        writer = threading.Thread(target=feed, daemon=True)
        reader = threading.Thread(target=drain, daemon=True)
        writer.start()
        reader.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        code = proc.wait()
        writer.join()
        reader.join()
        if code not in (0, 1):
            stderr = b"".join(e for e in errors if isinstance(e, bytes))
            raise RuntimeError(
                "%s exited with %d: %s"
                % (" ".join(command[:3]), code, stderr.decode("utf-8", "replace"))
            )
        for e in errors:
            if isinstance(e, Exception):
                raise e

    return run


def kind(line):
    """The record kind of a line: document, skipped, claim, contest, ..."""
    # Records are objects with one key; the key is the first thing in the
    # line, so claims are told apart without parsing them.
    return line[2 : line.index('"', 2)]


def claim_key(line):
    return json.loads(line)["claim"]["key"]


def key_partition(key):
    """Partition of a claim key: CRC-32, stable across runs and machines
    (Python's hash() of a string is not)."""
    return zlib.crc32(key.encode("utf-8"))


class Refused(Exception):
    """A plain message for the user: no traceback."""


def listed_by_crosscheck(binary, inputs):
    done = subprocess.run([binary, "files"] + inputs, stdout=subprocess.PIPE)
    if done.returncode != 0:
        raise Refused("`crosscheck files` could not list the inputs (its message is above)")
    return done.stdout.decode("utf-8").splitlines()


def check_binary(binary):
    try:
        done = subprocess.run([binary, "--version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise Refused("cannot run the crosscheck binary %r: %s (give --binary PATH)" % (binary, e))
    if done.returncode != 0:
        raise Refused("%r is not a working crosscheck binary" % binary)


def listed_by_spark(sc, inputs, partitions):
    """Given-file lines for every file under the inputs, read by Spark
    (any Hadoop file system), named as `crosscheck run` names them:
    relative to the folder given, or as given for a file."""
    import base64

    hadoop = sc._jsc.hadoopConfiguration()
    hadoop.set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    rdds = []
    for given in inputs:
        jpath = sc._jvm.org.apache.hadoop.fs.Path(given)
        fs = jpath.getFileSystem(hadoop)
        status = fs.getFileStatus(jpath)
        root = status.getPath().toString()
        is_dir = status.isDirectory()

        def line(pair, root=root, is_dir=is_dir, given=given):
            uri, data = pair
            if is_dir:
                name = uri[len(root) :].lstrip("/") if uri.startswith(root) else uri
            else:
                name = given
            return json.dumps(
                {"name": name, "base64": base64.b64encode(data).decode("ascii")}
            )

        rdds.append(sc.binaryFiles(given, partitions).map(line))
    return sc.union(rdds)


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Run crosscheck over a folder or JSON-lines dumps on Spark."
    )
    p.add_argument("inputs", nargs="+", help="folders or files (JSON-lines dumps too)")
    p.add_argument("--binary", default="crosscheck", help="the crosscheck binary on every machine")
    p.add_argument("--rules", help="a rules folder on every machine (default: built-in rules)")
    p.add_argument("--report", required=True, help="local folder for facts.json and the reports")
    p.add_argument("--records", help="also keep every record line here (saveAsTextFile)")
    p.add_argument("--via", choices=["files", "spark"], default="files",
                   help="files: list with `crosscheck files` (paths all executors can read); "
                        "spark: read the bytes with Spark (HDFS, S3, ...)")
    p.add_argument("--partitions", type=int, default=8, help="map partitions")
    p.add_argument("--reduce-partitions", type=int, default=8, help="claim key groups")
    p.add_argument("--master", help="Spark master (spark-submit sets it)")
    a = p.parse_args(argv)
    try:
        check_binary(a.binary)
        return job(a)
    except Refused as e:
        print("crosscheck_spark: %s" % e, file=sys.stderr)
        return 2


def job(a):
    """The steps, in a Spark context."""

    from pyspark import SparkConf, SparkContext, StorageLevel

    conf = SparkConf().setAppName("crosscheck")
    if a.master:
        conf = conf.setMaster(a.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    try:
        binary = a.binary

        # 1. list
        if a.via == "files":
            given = sc.parallelize(listed_by_crosscheck(binary, a.inputs), a.partitions)
        else:
            given = listed_by_spark(sc, a.inputs, a.partitions)

        # 2. map
        records = given.mapPartitions(
            crosscheck(binary, ["extract", "--records", "--files-from", "-"], a.rules)
        ).persist(StorageLevel.MEMORY_AND_DISK)
        documents = records.filter(lambda l: kind(l) != "claim")

        # 3. shuffle claims by key
        claims = (
            records.filter(lambda l: kind(l) == "claim")
            .map(lambda l: (claim_key(l), l))
            .partitionBy(a.reduce_partitions, key_partition)
            .values()
            .persist(StorageLevel.MEMORY_AND_DISK)
        )

        # 4. reduce: contests per key group, one sources line, facts.
        contests = claims.mapPartitions(
            crosscheck(binary, ["reconcile", "--records", "--emit", "contests", "-"], a.rules)
        )
        sources = (
            documents.union(contests)
            .coalesce(1)
            .mapPartitions(crosscheck(binary, ["sources", "-"], a.rules))
            .collect()
        )
        if len(sources) != 1:
            raise RuntimeError("`crosscheck sources` wrote %d lines, not 1" % len(sources))
        shared = sc.broadcast(sources[0])
        fact_step = crosscheck(binary, ["reconcile", "--records", "--emit", "facts", "-"], a.rules)

        def facts_of(lines):
            def with_sources():
                yield shared.value
                for l in lines:
                    yield l

            return fact_step(with_sources())

        facts = claims.mapPartitions(facts_of)
        out = documents.union(sc.parallelize(sources, 1)).union(facts)
        if a.records:
            out.saveAsTextFile(a.records)

        # 5. report, on the driver
        command = [binary] + (["--rules", a.rules] if a.rules else [])
        command += ["reconcile", "--records", "-", "--out", a.report]
        final = subprocess.Popen(command, stdin=subprocess.PIPE)
        try:
            for line in out.toLocalIterator():
                final.stdin.write(line.encode("utf-8"))
                final.stdin.write(b"\n")
        finally:
            final.stdin.close()
        code = final.wait()
        if code not in (0, 1):
            raise RuntimeError("the final `crosscheck reconcile` exited with %d" % code)
        print("crosscheck on Spark: report in %s" % os.path.abspath(a.report))
        return code
    finally:
        sc.stop()


if __name__ == "__main__":
    sys.exit(main())
