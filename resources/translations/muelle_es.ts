<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ContainerOverview</name>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="13"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="15"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="17"/>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="19"/>
        <source>Exit code</source>
        <translation>Código de salida</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="21"/>
        <source>IP address</source>
        <translation>Dirección IP</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="23"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="26"/>
        <source>on</source>
        <translation>activadas</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="26"/>
        <source>muted</source>
        <translation>silenciadas</translation>
    </message>
</context>
<context>
    <name>ContainerPage</name>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="37"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="37"/>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="42"/>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="48"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="66"/>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="67"/>
        <source>Logs (%1)</source>
        <translation>Registros (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="68"/>
        <source>Stats</source>
        <translation>Estadísticas</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="71"/>
        <source>Processes</source>
        <translation>Procesos</translation>
    </message>
</context>
<context>
    <name>ContainerRow</name>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="52"/>
        <source>CPU, the last minute</source>
        <translation>CPU, el último minuto</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="60"/>
        <source>Memory, the last minute</source>
        <translation>Memoria, el último minuto</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="73"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="73"/>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="80"/>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="89"/>
        <source>Unpause</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="89"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="94"/>
        <source>Kill</source>
        <translation>Forzar detención</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="99"/>
        <source>Unmute notifications</source>
        <translation>Reactivar notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="99"/>
        <source>Mute notifications</source>
        <translation>Silenciar notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="103"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>ContainersPage</name>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="11"/>
        <source>Containers</source>
        <translation>Contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="19"/>
        <source>Containers (%1)</source>
        <translation>Contenedores (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="26"/>
        <source>Search by name, image or ID</source>
        <translation>Buscar por nombre, imagen o ID</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="30"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="30"/>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="30"/>
        <source>Stopped</source>
        <translation>Detenidos</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="36"/>
        <source>Run container…</source>
        <translation>Ejecutar contenedor…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="62"/>
        <source>No containers yet. Run one with: docker run busybox echo hello</source>
        <translation>Aún no hay contenedores. Ejecuta uno con: docker run busybox echo hello</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="63"/>
        <source>No container matches.</source>
        <translation>Ningún contenedor coincide.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="11"/>
        <location filename="../../qml/pages/DashboardPage.qml" line="15"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="26"/>
        <source>Muelle engine %1 (API %2) · %3</source>
        <translation>Motor de Muelle %1 (API %2) · %3</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="36"/>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="38"/>
        <source>%1 paused, %2 stopped</source>
        <translation>en pausa: %1, detenidos: %2</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="40"/>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="41"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="43"/>
        <source>Disk use</source>
        <translation>Uso de disco</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="45"/>
        <source>containers: %1</source>
        <translation>contenedores: %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="50"/>
        <source>Recent events</source>
        <translation>Eventos recientes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="66"/>
        <source>Nothing has happened since the app started.</source>
        <translation>No ha ocurrido nada desde que se inició la aplicación.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../qml/components/Format.qml" line="15"/>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/Format.qml" line="16"/>
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>hace %n minuto</numerusform>
            <numerusform>hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/Format.qml" line="17"/>
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>hace %n hora</numerusform>
            <numerusform>hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/Format.qml" line="18"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImageHistoryDialog</name>
    <message numerus="yes">
        <location filename="../../qml/dialogs/ImageHistoryDialog.qml" line="21"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n paso</numerusform>
            <numerusform>%n pasos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImagesPage</name>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="11"/>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="18"/>
        <source>Images (%1)</source>
        <translation>Imágenes (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="26"/>
        <source>Image to pull, e.g. registry.local:5000/team/app:1.0</source>
        <translation>Imagen que descargar, p. ej. registry.local:5000/team/app:1.0</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="33"/>
        <source>Pull</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="94"/>
        <source>Run a container of it</source>
        <translation>Ejecutar un contenedor de esta imagen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="102"/>
        <source>Push</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="120"/>
        <source>Tag…</source>
        <translation>Etiquetar…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="126"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="134"/>
        <source>No images yet: pull one above.</source>
        <translation>Aún no hay imágenes: descarga una arriba.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="152"/>
        <source>Tag image</source>
        <translation>Etiquetar imagen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="160"/>
        <source>repository:tag</source>
        <translation>repository:tag</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../qml/components/LogView.qml" line="18"/>
        <source>Search the log (Ctrl+F)</source>
        <translation>Buscar en los registros (Ctrl+F)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/LogView.qml" line="23"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n línea</numerusform>
            <numerusform>%n líneas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="23"/>
        <source>%1 of %2 lines</source>
        <translation>%1 de %2 líneas</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="27"/>
        <source>Timestamps</source>
        <translation>Marcas de tiempo</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="33"/>
        <source>Follow</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="37"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="41"/>
        <source>following</source>
        <translation>siguiendo</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="41"/>
        <source>ended</source>
        <translation>finalizado</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="13"/>
        <location filename="../../qml/Main.qml" line="46"/>
        <source>Muelle</source>
        <translation>Muelle</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/Main.qml" line="53"/>
        <source>%n transfer(s) running</source>
        <translation>
            <numerusform>%n transferencia en curso</numerusform>
            <numerusform>%n transferencias en curso</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="58"/>
        <source>Engine running</source>
        <translation>Motor en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="58"/>
        <source>Engine not running</source>
        <translation>Motor detenido</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="86"/>
        <source>The Muelle engine is not running. Start it with: sudo systemctl start muelled</source>
        <translation>El motor de Muelle no está en marcha. Inícialo con: sudo systemctl start muelled</translation>
    </message>
</context>
<context>
    <name>NavigationRail</name>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="18"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="19"/>
        <source>Containers</source>
        <translation>Contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="20"/>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="21"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="22"/>
        <source>Networks</source>
        <translation>Redes</translation>
    </message>
</context>
<context>
    <name>NetworksPage</name>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="11"/>
        <source>Networks</source>
        <translation>Redes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="17"/>
        <source>Networks (%1)</source>
        <translation>Redes (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="25"/>
        <source>New network&apos;s name</source>
        <translation>Nombre de la nueva red</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="29"/>
        <source>Subnet (optional), e.g. 10.10.0.0/24</source>
        <translation>Subred (opcional), p. ej. 10.10.0.0/24</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="33"/>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="42"/>
        <source>Prune unused</source>
        <translation>Eliminar las no usadas</translation>
    </message>
</context>
<context>
    <name>NotificationBanner</name>
    <message>
        <location filename="../../qml/components/NotificationBanner.qml" line="29"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>ProcessList</name>
    <message numerus="yes">
        <location filename="../../qml/components/ProcessList.qml" line="12"/>
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n proceso</numerusform>
            <numerusform>%n procesos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/ProcessList.qml" line="12"/>
        <source>The container is not running.</source>
        <translation>El contenedor no está en ejecución.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProcessList.qml" line="16"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="31"/>
        <source>invalid port mapping &quot;%1&quot;: use HOST:CONTAINER, like 8080:80 or 5353:53/udp</source>
        <translation>asignación de puertos no válida &quot;%1&quot;: usa HOST:CONTAINER, como 8080:80 o 5353:53/udp</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="106"/>
        <source>the command has an unclosed %1 quote</source>
        <translation>el comando tiene una comilla %1 sin cerrar</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="126"/>
        <source>invalid size &quot;%1&quot;: use a number with b, k, m or g, like 512m</source>
        <translation>tamaño no válido &quot;%1&quot;: usa un número con b, k, m o g, como 512m</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="138"/>
        <source>choose an image to run</source>
        <translation>elige una imagen que ejecutar</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="160"/>
        <source>invalid environment variable &quot;%1&quot;: NAME=value</source>
        <translation>variable de entorno no válida &quot;%1&quot;: NAME=value</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="171"/>
        <source>invalid volume &quot;%1&quot;: use NAME:/path or /host/dir:/path, with :ro to make it read-only</source>
        <translation>volumen no válido &quot;%1&quot;: usa NAME:/path o /host/dir:/path, con :ro para que sea de solo lectura</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="182"/>
        <source>a memory limit must be at least 6m</source>
        <translation>el límite de memoria debe ser de al menos 6m</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="190"/>
        <source>invalid CPUs &quot;%1&quot;: a number above 0, like 1.5</source>
        <translation>número de CPU no válido &quot;%1&quot;: un número mayor que 0, como 1.5</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="195"/>
        <source>invalid restart policy &quot;%1&quot;</source>
        <translation>política de reinicio no válida &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../src/desktop/runform.cpp" line="197"/>
        <source>a container removed when it stops cannot also restart</source>
        <translation>un contenedor que se elimina al detenerse no puede también reiniciarse</translation>
    </message>
    <message>
        <location filename="../../src/desktop/httpengineclient.cpp" line="21"/>
        <source>the engine at %1 is not reachable: %2</source>
        <translation>no se puede llegar al motor en %1: %2</translation>
    </message>
</context>
<context>
    <name>RunContainerDialog</name>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="12"/>
        <source>Run a container</source>
        <translation>Ejecutar un contenedor</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="50"/>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="66"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="74"/>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="76"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="77"/>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="78"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="79"/>
        <source>the image&apos;s own</source>
        <translation>el de la imagen</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="80"/>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="82"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="83"/>
        <source>NAME=value, one per line</source>
        <translation>NAME=value, una por línea</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="84"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="85"/>
        <source>name:/path or /host/dir:/path[:ro], one per line</source>
        <translation>name:/path o /host/dir:/path[:ro], uno por línea</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="86"/>
        <source>Memory limit</source>
        <translation>Límite de memoria</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="87"/>
        <source>e.g. 512m; none when empty</source>
        <translation>p. ej. 512m; sin límite si está vacío</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="88"/>
        <source>CPUs</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="89"/>
        <source>e.g. 1.5; all when empty</source>
        <translation>p. ej. 1.5; todas si está vacío</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="90"/>
        <source>Restart</source>
        <translation>Reinicio</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="94"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="94"/>
        <source>always</source>
        <translation>siempre</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="94"/>
        <source>unless stopped</source>
        <translation>salvo si se detiene</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="94"/>
        <source>on failure</source>
        <translation>si falla</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="97"/>
        <source>Remove it when it stops</source>
        <translation>Eliminarlo cuando se detenga</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="21"/>
        <source>Saved %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/StatsCharts.qml" line="29"/>
        <source>CPU %1 % · memory %2 of %3 · %n process(es)</source>
        <translation>
            <numerusform>CPU %1 % · memoria %2 de %3 · %n proceso</numerusform>
            <numerusform>CPU %1 % · memoria %2 de %3 · %n procesos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="35"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="43"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="54"/>
        <source>CPU (%)</source>
        <translation>CPU (%)</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="61"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="64"/>
        <source>Memory (MiB)</source>
        <translation>Memoria (MiB)</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="71"/>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="74"/>
        <source>Network (KiB/s)</source>
        <translation>Red (KiB/s)</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="80"/>
        <source>received</source>
        <translation>recibidos</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="81"/>
        <source>sent</source>
        <translation>enviados</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="84"/>
        <source>Block I/O (KiB/s)</source>
        <translation>E/S de bloques (KiB/s)</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="90"/>
        <source>read</source>
        <translation>leídos</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="91"/>
        <source>written</source>
        <translation>escritos</translation>
    </message>
</context>
<context>
    <name>TransferRow</name>
    <message>
        <location filename="../../qml/components/TransferRow.qml" line="36"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message numerus="yes">
        <location filename="../../qml/components/TrayIcon.qml" line="17"/>
        <source>Muelle: %n running</source>
        <translation>
            <numerusform>Muelle: %n en ejecución</numerusform>
            <numerusform>Muelle: %n en ejecución</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="17"/>
        <source>Muelle: the engine is not running</source>
        <translation>Muelle: el motor no está en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="22"/>
        <source>Engine running</source>
        <translation>Motor en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="22"/>
        <source>Engine not running</source>
        <translation>Motor detenido</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="34"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="35"/>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="36"/>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="42"/>
        <source>Pull image…</source>
        <translation>Descargar imagen…</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="43"/>
        <source>Open Muelle</source>
        <translation>Abrir Muelle</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="44"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>VolumesPage</name>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="10"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="16"/>
        <source>Volumes (%1)</source>
        <translation>Volúmenes (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="24"/>
        <source>New volume&apos;s name</source>
        <translation>Nombre del nuevo volumen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="30"/>
        <source>Create</source>
        <translation>Crear</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="38"/>
        <source>Prune unused</source>
        <translation>Eliminar los no usados</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="76"/>
        <source>No volumes.</source>
        <translation>No hay volúmenes.</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::ContainerStats</name>
    <message>
        <location filename="../../src/desktop/containerstats.cpp" line="198"/>
        <location filename="../../src/desktop/containerstats.cpp" line="202"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::EngineSummary</name>
    <message numerus="yes">
        <location filename="../../src/desktop/enginesummary.cpp" line="77"/>
        <source>%1, kernel %2, %n CPU(s), %3</source>
        <translation>
            <numerusform>%1, kernel %2, %n CPU, %3</numerusform>
            <numerusform>%1, kernel %2, %n CPU, %3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>muelle::desktop::HttpEngineClient</name>
    <message>
        <location filename="../../src/desktop/httpengineclient.cpp" line="271"/>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::Notifier</name>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="25"/>
        <source>Pull of %1 failed</source>
        <translation>Error al descargar %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="25"/>
        <source>Push of %1 failed</source>
        <translation>Error al subir %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="28"/>
        <source>Pulled %1</source>
        <translation>Se descargó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="28"/>
        <source>Pushed %1</source>
        <translation>Se subió %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="70"/>
        <source>%1 exited with code %2</source>
        <translation>%1 terminó con el código %2</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="73"/>
        <source>%1 ran out of memory</source>
        <translation>%1 se quedó sin memoria</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="73"/>
        <source>The kernel killed a process of the container.</source>
        <translation>El kernel finalizó un proceso del contenedor.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="75"/>
        <source>%1 is unhealthy</source>
        <translation>%1 no está en buen estado</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="75"/>
        <source>Its health check fails.</source>
        <translation>Su comprobación de estado falla.</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::TransfersModel</name>
    <message>
        <location filename="../../src/desktop/transfersmodel.cpp" line="95"/>
        <source>Starting</source>
        <translation>Iniciando</translation>
    </message>
    <message>
        <location filename="../../src/desktop/transfersmodel.cpp" line="108"/>
        <location filename="../../src/desktop/transfersmodel.cpp" line="172"/>
        <source>Failed</source>
        <translation>Error</translation>
    </message>
</context>
</TS>
