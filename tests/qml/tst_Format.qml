import QtQuick
import QtTest
import Muelle

// How sizes, ages and the engine's times read.
TestCase {
    name: "Format"

    function test_bytes_data() {
        return [
            { tag: "bytes", value: 512, text: "512 B" },
            { tag: "KiB", value: 1536, text: "1.5 KiB" },
            { tag: "MiB", value: 2 * 1024 * 1024, text: "2.0 MiB" },
            { tag: "GiB", value: 3.25 * 1024 * 1024 * 1024, text: "3.3 GiB" },
            { tag: "unknown", value: -1, text: "—" }
        ]
    }
    function test_bytes(data) {
        compare(Format.bytes(data.value), data.text)
    }

    function test_ago() {
        const now = Date.now() / 1000
        compare(Format.ago(now - 5), "just now")
        compare(Format.ago(now - 120), "2 minute(s) ago")
        compare(Format.ago(now - 3 * 3600), "3 hour(s) ago")
        compare(Format.ago(now - 2 * 86400), "2 day(s) ago")
    }

    function test_agoTicksWithTheClock() {
        const then = Clock.now / 1000
        compare(Format.ago(then), "just now")
        const saved = Clock.now
        Clock.now = saved + 5 * 60 * 1000
        compare(Format.ago(then), "5 minute(s) ago")
        Clock.now = saved
    }

    function test_when_data() {
        const local = iso => new Date(iso).toLocaleString(Qt.locale(), Locale.ShortFormat)
        return [
            { tag: "nanoseconds", iso: "2024-03-05T14:07:09.123456789Z", date: local("2024-03-05T14:07:09.123Z") },
            { tag: "offset", iso: "2024-03-05T16:07:09.5+02:00", date: local("2024-03-05T14:07:09.5Z") },
            { tag: "seconds", iso: "2024-03-05T14:07:09Z", date: local("2024-03-05T14:07:09Z") },
        ]
    }
    function test_when(data) {
        const text = Format.when(data.iso)
        verify(text.startsWith(data.date + " ("), text)
        verify(text.endsWith(" day(s) ago)"), text)
    }

    function test_whenNever() {
        compare(Format.when("0001-01-01T00:00:00Z"), "")
        compare(Format.when(""), "")
        compare(Format.when(undefined), "")
        compare(Format.when("not a time"), "not a time")
    }

    function test_inUnit() {
        compare(Format.inUnit(12.345, { unit: "%", labelFormat: "%.1f" }), "12.3 %")
        compare(Format.inUnit(12.5, { unit: "MiB", labelFormat: "%.0f" }), "13 MiB")
    }

    // Every state the engine names has words of the user's (the test runs
    // untranslated: the same English), and an unknown one stays as it came.
    function test_stateName() {
        for (const state of ["running", "paused", "restarting", "created", "exited", "dead", "removing"])
            compare(Format.stateName(state), state)
        compare(Format.stateName("weird"), "weird")
        compare(Format.stateName(""), "")
    }
}
