#!/usr/bin/env python3
"""Benchmarks/junit-report.py MEGABYTES OUT: a synthetic Surefire-style JUnit report of about
MEGABYTES, deterministic (seeded): suites of 50 tests, 5% failures with stack traces and
20-line outputs, 3% skipped, 1% flaky reruns, every tenth test linked to a rule by name."""
import random
import sys

target = int(sys.argv[1]) * 1_000_000
random.seed(7)
with open(sys.argv[2], "w") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bench">\n')
    suite = 0
    while out.tell() < target:
        suite += 1
        out.write(f'  <testsuite name="com.example.Suite{suite}" timestamp="2026-01-02T10:00:00Z" tests="50">\n')
        for test in range(50):
            name = f"test{test}" + (f" [rule:RULE-{test % 7 + 1:03d}]" if test % 10 == 0 else "")
            roll = random.random()
            head = f'    <testcase classname="com.example.Suite{suite}" name="{name}" time="{random.random():.3f}"'
            if roll < 0.05:
                frames = "\n".join(f"\tat com.example.Service{i}.call(Service{i}.java:{random.randint(1, 400)})" for i in range(12))
                output = "\n".join(f"log line {i} value={random.randint(0, 10**6)}" for i in range(20))
                out.write(head + ">\n")
                out.write(f'      <failure message="expected {random.randint(0, 99)} but was {random.randint(100, 999)}" type="java.lang.AssertionError">java.lang.AssertionError: boom\n{frames}</failure>\n')
                out.write(f"      <system-out><![CDATA[{output}]]></system-out>\n    </testcase>\n")
            elif roll < 0.08:
                out.write(head + '>\n      <skipped message="not on this platform"/>\n    </testcase>\n')
            elif roll < 0.09:
                out.write(head + '>\n      <flakyFailure message="timeout after 30 ms" type="Timeout"/>\n    </testcase>\n')
            else:
                out.write(head + "/>\n")
        out.write("  </testsuite>\n")
    out.write("</testsuites>\n")
