import QtQuick

// A small line of recent values (a container's CPU), scaled to its largest.
Canvas {
    id: root
    property var values: []
    property color color: Theme.series[0]

    implicitWidth: 90
    implicitHeight: 24
    onValuesChanged: requestPaint()
    onColorChanged: requestPaint()
    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        if (values.length < 2)
            return
        const top = Math.max(1, Math.max.apply(null, values))
        ctx.strokeStyle = root.color
        ctx.lineWidth = 1.5
        ctx.beginPath()
        for (let i = 0; i < values.length; ++i) {
            const x = i * (width - 1) / (values.length - 1)
            const y = height - 1 - values[i] / top * (height - 2)
            if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y)
        }
        ctx.stroke()
    }
}
