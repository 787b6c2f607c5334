<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ContainerRow</name>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="38"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="38"/>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="42"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>ContainersPage</name>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="9"/>
        <source>Containers</source>
        <translation>Contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="13"/>
        <source>Containers (%1)</source>
        <translation>Contenedores (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="45"/>
        <source>No containers yet. Run one with: docker run busybox echo hello</source>
        <translation>Aún no hay contenedores. Ejecuta uno con: docker run busybox echo hello</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="12"/>
        <location filename="../../qml/Main.qml" line="20"/>
        <source>Muelle</source>
        <translation>Muelle</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="27"/>
        <source>Engine running</source>
        <translation>Motor en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="27"/>
        <source>Engine not running</source>
        <translation>Motor detenido</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="43"/>
        <source>The Muelle engine is not running. Start it with: sudo systemctl start muelled</source>
        <translation>El motor de Muelle no está en marcha. Inícialo con: sudo systemctl start muelled</translation>
    </message>
</context>
</TS>
