import QtQuick
import QtTest
import Muelle

// How sizes and ages read.
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
}
