#!/usr/bin/env python3
"""Benchmarks/junit-report.py MEGABYTES OUT: a synthetic Surefire-style JUnit report of about
MEGABYTES, deterministic (seeded), shaped like a large Java build's merged report:

- suites of 50 tests, each with the 20 `properties` Surefire writes (JVM and OS facts);
- 5% failures (`failure` with a message, a type and a 12-frame stack trace, plus a 20-line
  CDATA `system-out` and a `system-err` line), 1% errors (`error` with a cause chain),
  3% skipped, 1% flaky (`flakyFailure` before the pass);
- every tenth test linked to a rule by name (`[rule:RULE-003]`), every twentieth by a
  test case `property name="rule"`; names with `&amp;` and `&lt;` now and then.
"""
import random
import sys

SUITE_PROPERTIES = [
    ("java.version", "21.0.4"), ("java.vendor", "Eclipse Adoptium"), ("os.name", "Linux"),
    ("os.arch", "amd64"), ("os.version", "6.1.0-25-amd64"), ("user.timezone", "UTC"),
    ("file.encoding", "UTF-8"), ("java.vm.name", "OpenJDK 64-Bit Server VM"),
    ("surefire.test.class.path", "/builds/app/target/test-classes:/builds/app/target/classes"),
    ("basedir", "/builds/app"), ("maven.home", "/usr/share/maven"), ("user.dir", "/builds/app"),
    ("java.home", "/opt/java/openjdk"), ("line.separator", "&#10;"), ("path.separator", ":"),
    ("sun.jnu.encoding", "UTF-8"), ("java.specification.version", "21"),
    ("java.runtime.name", "OpenJDK Runtime Environment"), ("localRepository", "/root/.m2/repository"),
    ("junit.jupiter.execution.parallel.enabled", "false"),
]


def main() -> None:
    target = int(sys.argv[1]) * 1_000_000
    random.seed(7)
    rand = random.random
    randint = random.randint
    properties = "".join(f'      <property name="{k}" value="{v}"/>\n' for k, v in SUITE_PROPERTIES)
    with open(sys.argv[2], "w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n')
        written = out.tell()
        suite = 0
        while written < target:
            suite += 1
            cls = f"com.example.module{suite % 40}.Suite{suite}Test"
            parts = []
            failures = errors = skipped = 0
            for test in range(50):
                name = f"test{test}" + (f" [rule:RULE-{test % 7 + 1:03d}]" if test % 10 == 0 else "")
                if test % 25 == 7:
                    name += " &amp; edge &lt;5&gt;"
                roll = rand()
                head = f'    <testcase classname="{cls}" name="{name}" time="{rand():.3f}"'
                body = []
                if test % 20 == 5:
                    body.append(f'      <properties><property name="rule" value="RULE-{test % 9 + 1:03d}"/></properties>\n')
                if roll < 0.05:
                    failures += 1
                    frames = "\n".join(
                        f"\tat com.example.Service{i}.call(Service{i}.java:{randint(1, 400)})" for i in range(12))
                    output = "\n".join(f"log line {i} value={randint(0, 10**6)}" for i in range(20))
                    body.append(
                        f'      <failure message="expected {randint(0, 99)} but was {randint(100, 999)}" '
                        f'type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: '
                        f"expected &lt;{randint(0, 99)}&gt;\n{frames}</failure>\n"
                        f"      <system-out><![CDATA[{output}]]></system-out>\n"
                        f"      <system-err>WARN retrying connection to db-{randint(1, 9)}:5432</system-err>\n")
                elif roll < 0.06:
                    errors += 1
                    frames = "\n".join(
                        f"\tat com.example.Repo{i}.load(Repo{i}.java:{randint(1, 400)})" for i in range(8))
                    body.append(
                        f'      <error message="Connection refused: /10.0.{randint(0, 9)}.{randint(1, 254)}:5432" '
                        f'type="java.net.ConnectException">java.net.ConnectException: Connection refused\n{frames}\n'
                        f"Caused by: java.io.IOException: socket closed\n\tat java.base/sun.nio.ch.Net.connect(Net.java:579)"
                        "</error>\n")
                elif roll < 0.09:
                    skipped += 1
                    body.append('      <skipped message="not on this platform"/>\n')
                elif roll < 0.10:
                    body.append(
                        f'      <flakyFailure message="timeout after {randint(10, 99)} ms" type="java.util.concurrent.TimeoutException">'
                        "<stackTrace>java.util.concurrent.TimeoutException\n\tat com.example.Clock.wait(Clock.java:12)"
                        "</stackTrace></flakyFailure>\n")
                if body:
                    parts.append(head + ">\n" + "".join(body) + "    </testcase>\n")
                else:
                    parts.append(head + "/>\n")
            parts.append("  </testsuite>\n")
            head = (
                f'  <testsuite name="{cls}" timestamp="2026-01-02T10:{suite % 60:02d}:00Z" hostname="ci-7" '
                f'tests="50" failures="{failures}" errors="{errors}" skipped="{skipped}" time="{rand() * 30:.3f}">\n'
                f"    <properties>\n{properties}    </properties>\n")
            chunk = head + "".join(parts)
            out.write(chunk)
            written += len(chunk.encode())
        out.write("</testsuites>\n")


main()
