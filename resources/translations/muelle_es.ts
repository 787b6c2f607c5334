<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>BuildWizardDialog</name>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="17"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="17"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="142"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="223"/>
        <source>Dockerfile</source>
        <translation>Dockerfile</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="17"/>
        <source>Tags and options</source>
        <translation>Nombres y opciones</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="17"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="464"/>
        <source>Build</source>
        <translation>Construcción</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="17"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="38"/>
        <source>Choose a folder.</source>
        <translation>Elige una carpeta.</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="43"/>
        <source>The Dockerfile has errors: see the lines marked.</source>
        <translation>El Dockerfile tiene errores: mira las líneas marcadas.</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="64"/>
        <source>Build an image — %1 (step %2 of 5)</source>
        <translation>Construir una imagen — %1 (paso %2 de 5)</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="120"/>
        <source>A folder with a Dockerfile</source>
        <translation>Una carpeta con un Dockerfile</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="130"/>
        <source>/home/me/project</source>
        <translation>/home/yo/proyecto</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="131"/>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="136"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="149"/>
        <source>Start from nothing</source>
        <translation>Empezar desde cero</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="158"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="167"/>
        <source>Starting point</source>
        <translation>Punto de partida</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="164"/>
        <source>A static site served by busybox httpd</source>
        <translation>Un sitio estático servido por busybox httpd</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="165"/>
        <source>A shell script</source>
        <translation>Un script de shell</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="166"/>
        <source>A compiled program on scratch</source>
        <translation>Un programa compilado sobre scratch</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="170"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="171"/>
        <source>Base image</source>
        <translation>Imagen base</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="172"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="173"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="174"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="175"/>
        <source>New folder</source>
        <translation>Carpeta nueva</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="175"/>
        <source>/home/me/new-image</source>
        <translation>/home/yo/imagen-nueva</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="176"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="177"/>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="177"/>
        <source>the compiled program to copy</source>
        <translation>el programa compilado que copiar</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="188"/>
        <source>The Dockerfile it writes</source>
        <translation>El Dockerfile que escribe</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="237"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="237"/>
        <source>The Dockerfile is right.</source>
        <translation>El Dockerfile es correcto.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="237"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errores</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="244"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="352"/>
        <source>Line %1: %2</source>
        <translation>Línea %1: %2</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="247"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="253"/>
        <source>Target stage</source>
        <translation>Etapa objetivo</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="252"/>
        <source>the last stage</source>
        <translation>la última etapa</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="264"/>
        <source>Build argument %1</source>
        <translation>Argumento de construcción %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="273"/>
        <source>Sends %n file(s), %1; .dockerignore leaves out %2.</source>
        <translation>
            <numerusform>Envía %n archivo, %1; .dockerignore deja fuera %2.</numerusform>
            <numerusform>Envía %n archivos, %1; .dockerignore deja fuera %2.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="275"/>
        <source>(still counting)</source>
        <translation>(aún contando)</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="295"/>
        <source>Names (space between several)</source>
        <translation>Nombres (separados por espacios)</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="299"/>
        <source>registry.local:5000/team/app:1.0 team/app:latest</source>
        <translation>registry.local:5000/team/app:1.0 team/app:latest</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="303"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="395"/>
        <source>Names</source>
        <translation>Nombres</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="306"/>
        <source>Do not use the cache</source>
        <translation>No usar la caché</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="307"/>
        <source>Pull the base images again</source>
        <translation>Descargar de nuevo las imágenes base</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="310"/>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="314"/>
        <source>Network for RUN</source>
        <translation>Red para RUN</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="313"/>
        <source>default</source>
        <translation>predeterminada</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="318"/>
        <source>Labels (key=value, one per line)</source>
        <translation>Etiquetas de metadatos (clave=valor, una por línea)</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="325"/>
        <source>Labels</source>
        <translation>Etiquetas de metadatos</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="343"/>
        <source>Sending the context (%1)…</source>
        <translation>Enviando el contexto (%1)…</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="344"/>
        <source>Step %1 of %2</source>
        <translation>Paso %1 de %2</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="345"/>
        <source>Built %1</source>
        <translation>Construida %1</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="346"/>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="346"/>
        <source>Failed</source>
        <translation>Falló</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="371"/>
        <source>running</source>
        <translation>en curso</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="371"/>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="371"/>
        <source>cached</source>
        <translation>en caché</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="371"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="383"/>
        <source>Build output</source>
        <translation>Salida de la construcción</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="394"/>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="396"/>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="396"/>
        <source>%1, %2 from the cache</source>
        <translation>%1, %2 de la caché</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="403"/>
        <source>Run…</source>
        <translation>Ejecutar…</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="409"/>
        <source>Push</source>
        <translation>Subir</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="416"/>
        <source>Tag…</source>
        <translation>Etiquetar…</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="435"/>
        <source>Close (the build goes on)</source>
        <translation>Cerrar (la construcción sigue)</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="435"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="441"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="449"/>
        <source>Cancel the build</source>
        <translation>Cancelar la construcción</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="456"/>
        <source>Edit and retry</source>
        <translation>Editar y reintentar</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="464"/>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="481"/>
        <source>Close the build wizard?</source>
        <translation>¿Cerrar el asistente de construcción?</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="485"/>
        <source>The build goes on; its end is notified.</source>
        <translation>La construcción sigue; se notificará cuando termine.</translation>
    </message>
    <message>
        <location filename="../../qml/wizards/BuildWizardDialog.qml" line="485"/>
        <source>What you chose stays for the next time.</source>
        <translation>Lo que elegiste se conserva para la próxima vez.</translation>
    </message>
</context>
<context>
    <name>Confirm</name>
    <message>
        <location filename="../../qml/components/Confirm.qml" line="23"/>
        <source>Remove %1?</source>
        <translation>¿Eliminar %1?</translation>
    </message>
    <message>
        <location filename="../../qml/components/Confirm.qml" line="24"/>
        <source>It is running: it is stopped first. Its writable layer (every file it changed) and its logs are deleted; named volumes stay.</source>
        <translation>Está en ejecución: primero se detiene. Se eliminan su capa de escritura (todos los archivos que modificó) y sus registros; los volúmenes con nombre se conservan.</translation>
    </message>
    <message>
        <location filename="../../qml/components/Confirm.qml" line="25"/>
        <source>Its writable layer (every file it changed) and its logs are deleted; named volumes stay.</source>
        <translation>Se eliminan su capa de escritura (todos los archivos que modificó) y sus registros; los volúmenes con nombre se conservan.</translation>
    </message>
    <message>
        <location filename="../../qml/components/Confirm.qml" line="26"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../qml/components/ConfirmDialog.qml" line="31"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ContainerOverview</name>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="27"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="28"/>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="29"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="30"/>
        <source>Started</source>
        <translation>Iniciado</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="31"/>
        <source>Exit code</source>
        <translation>Código de salida</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="32"/>
        <source>IP address</source>
        <translation>Dirección IP</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="39"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="45"/>
        <source>On when it stops unexpectedly</source>
        <translation>Activadas si se detiene inesperadamente</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="45"/>
        <source>Muted</source>
        <translation>Silenciadas</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="46"/>
        <source>Notifications for %1</source>
        <translation>Notificaciones de %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="54"/>
        <source>Inspect</source>
        <translation>Inspección</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerOverview.qml" line="67"/>
        <source>The container&apos;s inspect document</source>
        <translation>El documento de inspección del contenedor</translation>
    </message>
</context>
<context>
    <name>ContainerPage</name>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="24"/>
        <source>Back to the containers</source>
        <translation>Volver a los contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="35"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="35"/>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="42"/>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainerPage.qml" line="49"/>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
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
        <location filename="../../qml/components/ContainerRow.qml" line="40"/>
        <source>CPU, the last minute</source>
        <translation>CPU, el último minuto</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="48"/>
        <source>Memory, the last minute</source>
        <translation>Memoria, el último minuto</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="61"/>
        <source>Stop %1</source>
        <translation>Detener %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="61"/>
        <source>Start %1</source>
        <translation>Iniciar %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="68"/>
        <source>Restart %1</source>
        <translation>Reiniciar %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="75"/>
        <source>More actions for %1</source>
        <translation>Más acciones para %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="76"/>
        <source>Delete removes</source>
        <translation>Supr elimina</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="82"/>
        <source>Unpause</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="82"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="87"/>
        <source>Kill…</source>
        <translation>Forzar detención…</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="89"/>
        <source>Kill %1?</source>
        <translation>¿Forzar la detención de %1?</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="90"/>
        <source>Its processes get SIGKILL at once: whatever they have not written is lost.</source>
        <translation>Sus procesos reciben SIGKILL de inmediato: se pierde todo lo que no hayan escrito.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="91"/>
        <source>Kill</source>
        <translation>Forzar detención</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="94"/>
        <source>Unmute notifications</source>
        <translation>Reactivar notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="94"/>
        <source>Mute notifications</source>
        <translation>Silenciar notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/ContainerRow.qml" line="100"/>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
    </message>
</context>
<context>
    <name>ContainersPage</name>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="11"/>
        <location filename="../../qml/pages/ContainersPage.qml" line="51"/>
        <source>Containers</source>
        <translation>Contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="19"/>
        <source>Search by name, image or ID</source>
        <translation>Buscar por nombre, imagen o ID</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="29"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="29"/>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="29"/>
        <source>Stopped</source>
        <translation>Detenidos</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="30"/>
        <source>Show containers</source>
        <translation>Mostrar contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="64"/>
        <source>No containers yet.</source>
        <translation>Aún no hay contenedores.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="65"/>
        <source>Run one from an image here, or with docker run.</source>
        <translation>Ejecuta uno a partir de una imagen aquí o con docker run.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="65"/>
        <source>Try another search or state.</source>
        <translation>Prueba con otra búsqueda u otro estado.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="22"/>
        <location filename="../../qml/pages/ContainersPage.qml" line="66"/>
        <source>Run container…</source>
        <translation>Ejecutar contenedor…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ContainersPage.qml" line="64"/>
        <source>No container matches.</source>
        <translation>Ningún contenedor coincide.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="11"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="17"/>
        <source>Muelle engine %1 (API %2) · %3</source>
        <translation>Motor de Muelle %1 (API %2) · %3</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="32"/>
        <source>Running</source>
        <translation>En ejecución</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="34"/>
        <source>%1 paused, %2 stopped</source>
        <translation>en pausa: %1, detenidos: %2</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="37"/>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="38"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="41"/>
        <source>Disk use</source>
        <translation>Uso de disco</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="43"/>
        <source>containers: %1</source>
        <translation>contenedores: %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="58"/>
        <source>Recent events</source>
        <translation>Eventos recientes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="88"/>
        <source>Nothing has happened since the app started.</source>
        <translation>No ha ocurrido nada desde que se inició la aplicación.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/DashboardPage.qml" line="89"/>
        <source>Containers starting and stopping, pulls and removals show here as they happen.</source>
        <translation>Los inicios y paradas de contenedores, las descargas y las eliminaciones aparecen aquí según ocurren.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../qml/components/Format.qml" line="16"/>
        <source>running</source>
        <translation>en ejecución</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="17"/>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="18"/>
        <source>restarting</source>
        <translation>reiniciándose</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="19"/>
        <source>created</source>
        <translation>creado</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="20"/>
        <source>exited</source>
        <translation>terminado</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="21"/>
        <source>dead</source>
        <translation>muerto</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="22"/>
        <source>removing</source>
        <translation>eliminándose</translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="29"/>
        <source>just now</source>
        <translation>hace un momento</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/Format.qml" line="30"/>
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>hace %n minuto</numerusform>
            <numerusform>hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/Format.qml" line="31"/>
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>hace %n hora</numerusform>
            <numerusform>hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/Format.qml" line="32"/>
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/Format.qml" line="41"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>IconButton</name>
    <message>
        <location filename="../../qml/components/IconButton.qml" line="24"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>ImageHistoryDialog</name>
    <message>
        <location filename="../../qml/dialogs/ImageHistoryDialog.qml" line="12"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/ImageHistoryDialog.qml" line="13"/>
        <source>Created by</source>
        <translation>Creada con</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/ImageHistoryDialog.qml" line="14"/>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/dialogs/ImageHistoryDialog.qml" line="27"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n paso</numerusform>
            <numerusform>%n pasos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/ImageHistoryDialog.qml" line="51"/>
        <source>History of %1</source>
        <translation>Historial de %1</translation>
    </message>
</context>
<context>
    <name>ImagesPage</name>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="12"/>
        <location filename="../../qml/pages/ImagesPage.qml" line="100"/>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="19"/>
        <source>Repository</source>
        <translation>Repositorio</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="20"/>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="21"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="22"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="23"/>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="41"/>
        <source>Image to pull, e.g. registry.local:5000/team/app:1.0</source>
        <translation>Imagen que descargar, p. ej. registry.local:5000/team/app:1.0</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="42"/>
        <source>Image to pull</source>
        <translation>Imagen que descargar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="48"/>
        <source>Build image…</source>
        <translation>Construir imagen…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="52"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="58"/>
        <source>Pull</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="129"/>
        <source>Run a container of %1</source>
        <translation>Ejecutar un contenedor de %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="135"/>
        <source>Push %1</source>
        <translation>Subir %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="142"/>
        <source>Tag %1…</source>
        <translation>Etiquetar %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="150"/>
        <source>Delete</source>
        <translation>Supr</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="151"/>
        <source>Remove %1…</source>
        <translation>Eliminar %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="154"/>
        <source>Remove %1?</source>
        <translation>¿Eliminar %1?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="155"/>
        <source>Only this name goes; the image stays under its other names.</source>
        <translation>Solo se quita este nombre; la imagen se conserva con sus otros nombres.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="156"/>
        <source>The image and its layers that no other image uses are deleted (%1). Containers of it must be removed first.</source>
        <translation>Se eliminan la imagen y las capas que ninguna otra imagen usa (%1). Antes hay que eliminar sus contenedores.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="166"/>
        <source>No images yet.</source>
        <translation>Aún no hay imágenes.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="167"/>
        <source>Pull one by its name above, e.g. registry.local:5000/team/app:1.0.</source>
        <translation>Descarga una por su nombre arriba, p. ej. registry.local:5000/team/app:1.0.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="168"/>
        <source>Pull an image</source>
        <translation>Descargar una imagen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/ImagesPage.qml" line="157"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../qml/components/LogView.qml" line="19"/>
        <source>Search the log (Ctrl+F)</source>
        <translation>Buscar en los registros (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="20"/>
        <source>Search the log</source>
        <translation>Buscar en los registros</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/LogView.qml" line="26"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n línea</numerusform>
            <numerusform>%n líneas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="26"/>
        <source>%1 of %2 lines</source>
        <translation>%1 de %2 líneas</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="31"/>
        <source>Timestamps</source>
        <translation>Marcas de tiempo</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="38"/>
        <source>Follow</source>
        <translation>Seguir</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="43"/>
        <source>Copy the log</source>
        <translation>Copiar los registros</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/LogView.qml" line="48"/>
        <source>Copied %n line(s)</source>
        <translation>
            <numerusform>Se copió %n línea</numerusform>
            <numerusform>Se copiaron %n líneas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="90"/>
        <source>No line matches “%1”.</source>
        <translation>Ninguna línea coincide con “%1”.</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="91"/>
        <source>Nothing logged yet.</source>
        <translation>Aún no hay registros.</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="91"/>
        <source>This container logged nothing.</source>
        <translation>Este contenedor no registró nada.</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="92"/>
        <source>Lines appear here as the container writes them.</source>
        <translation>Las líneas aparecen aquí a medida que el contenedor las escribe.</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="53"/>
        <source>following</source>
        <translation>siguiendo</translation>
    </message>
    <message>
        <location filename="../../qml/components/LogView.qml" line="53"/>
        <source>ended</source>
        <translation>finalizado</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../qml/Main.qml" line="15"/>
        <location filename="../../qml/Main.qml" line="75"/>
        <source>Muelle</source>
        <translation>Muelle</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/Main.qml" line="82"/>
        <source>%n transfer(s) running</source>
        <translation>
            <numerusform>%n transferencia en curso</numerusform>
            <numerusform>%n transferencias en curso</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="88"/>
        <source>Engine running</source>
        <translation>Motor en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="88"/>
        <source>Engine not running</source>
        <translation>Motor detenido</translation>
    </message>
    <message>
        <location filename="../../qml/Main.qml" line="116"/>
        <source>The Muelle engine is not running. Start it with: sudo systemctl start muelled</source>
        <translation>El motor de Muelle no está en marcha. Inícialo con: sudo systemctl start muelled</translation>
    </message>
</context>
<context>
    <name>NavigationRail</name>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="25"/>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="26"/>
        <source>Containers</source>
        <translation>Contenedores</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="27"/>
        <source>Images</source>
        <translation>Imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="28"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="29"/>
        <source>Networks</source>
        <translation>Redes</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="30"/>
        <source>Registries</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="50"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="65"/>
        <source>Notifications (%1)</source>
        <translation>Notificaciones (%1)</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="65"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="83"/>
        <source>System theme</source>
        <translation>Tema del sistema</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="83"/>
        <source>Light theme</source>
        <translation>Tema claro</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="83"/>
        <source>Dark theme</source>
        <translation>Tema oscuro</translation>
    </message>
    <message>
        <location filename="../../qml/components/NavigationRail.qml" line="88"/>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
</context>
<context>
    <name>NetworksPage</name>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="11"/>
        <location filename="../../qml/pages/NetworksPage.qml" line="80"/>
        <source>Networks</source>
        <translation>Redes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="19"/>
        <source>Prune unused…</source>
        <translation>Eliminar las no usadas…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="21"/>
        <source>Prune unused networks?</source>
        <translation>¿Eliminar las redes no usadas?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="22"/>
        <source>Every network of yours that no container is connected to is deleted; the predefined ones stay.</source>
        <translation>Se eliminan todas tus redes a las que no está conectado ningún contenedor; las predefinidas se conservan.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="23"/>
        <source>Prune</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="36"/>
        <location filename="../../qml/pages/NetworksPage.qml" line="37"/>
        <source>New network&apos;s name</source>
        <translation>Nombre de la nueva red</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="45"/>
        <source>Subnet (optional), e.g. 10.10.0.0/24</source>
        <translation>Subred (opcional), p. ej. 10.10.0.0/24</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="46"/>
        <source>Subnet (optional)</source>
        <translation>Subred (opcional)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="53"/>
        <source>Create network</source>
        <translation>Crear red</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="67"/>
        <source>A subnet is an address and a prefix length, e.g. 10.10.0.0/24.</source>
        <translation>Una subred es una dirección y una longitud de prefijo, p. ej. 10.10.0.0/24.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="92"/>
        <source>(predefined)</source>
        <translation>(predefinida)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="98"/>
        <source>Delete</source>
        <translation>Supr</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="100"/>
        <source>Remove %1…</source>
        <translation>Eliminar %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="103"/>
        <source>Remove %1?</source>
        <translation>¿Eliminar %1?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="104"/>
        <source>The network goes; containers must be disconnected from it first.</source>
        <translation>Se elimina la red; antes hay que desconectar de ella los contenedores.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/NetworksPage.qml" line="105"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
</context>
<context>
    <name>NotificationDrawer</name>
    <message>
        <location filename="../../qml/components/NotificationDrawer.qml" line="25"/>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <location filename="../../qml/components/NotificationDrawer.qml" line="32"/>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../qml/components/NotificationDrawer.qml" line="72"/>
        <source>No notifications yet.</source>
        <translation>Aún no hay notificaciones.</translation>
    </message>
    <message>
        <location filename="../../qml/components/NotificationDrawer.qml" line="73"/>
        <source>Results of what you do and containers that stop unexpectedly appear here.</source>
        <translation>Aquí aparecen los resultados de tus acciones y los contenedores que se detienen inesperadamente.</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message numerus="yes">
        <location filename="../../qml/components/PageHeader.qml" line="59"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n elemento</numerusform>
            <numerusform>%n elementos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/PageHeader.qml" line="83"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
</context>
<context>
    <name>ProcessList</name>
    <message numerus="yes">
        <location filename="../../qml/components/ProcessList.qml" line="13"/>
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n proceso</numerusform>
            <numerusform>%n procesos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/ProcessList.qml" line="13"/>
        <source>The container is not running.</source>
        <translation>El contenedor no está en ejecución.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProcessList.qml" line="17"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProcessList.qml" line="60"/>
        <source>No processes listed yet.</source>
        <translation>Aún no hay procesos en la lista.</translation>
    </message>
    <message>
        <location filename="../../qml/components/ProcessList.qml" line="60"/>
        <source>A stopped container has no processes.</source>
        <translation>Un contenedor detenido no tiene procesos.</translation>
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
    <name>RegistriesPage</name>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="13"/>
        <location filename="../../qml/pages/RegistriesPage.qml" line="79"/>
        <source>Registries</source>
        <translation>Registros de imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="42"/>
        <source>Add registry…</source>
        <translation>Añadir registro…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="50"/>
        <source>Search images…</source>
        <translation>Buscar imágenes…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="54"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="98"/>
        <source>reachable</source>
        <translation>accesible</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="98"/>
        <source>checking</source>
        <translation>comprobando</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="98"/>
        <source>unreachable</source>
        <translation>inaccesible</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="100"/>
        <source>logged in as %1</source>
        <translation>sesión de %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="100"/>
        <source>anonymous</source>
        <translation>anónimo</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="101"/>
        <source>search</source>
        <translation>búsqueda</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="101"/>
        <source>no search: names filtered</source>
        <translation>sin búsqueda: se filtran los nombres</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="102"/>
        <source>insecure</source>
        <translation>inseguro</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="102"/>
        <source>mirror</source>
        <translation>réplica</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="107"/>
        <source>Log in to %1…</source>
        <translation>Iniciar sesión en %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="114"/>
        <source>Log out of %1</source>
        <translation>Cerrar la sesión de %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="123"/>
        <source>Delete</source>
        <translation>Supr</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="124"/>
        <source>Remove %1…</source>
        <translation>Quitar %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="127"/>
        <source>Remove %1?</source>
        <translation>¿Quitar %1?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="128"/>
        <source>Muelle forgets the registry; its images stay in it. A login to it stays until you log out.</source>
        <translation>Muelle olvida el registro; sus imágenes siguen en él. La sesión iniciada en él se conserva hasta que la cierres.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="129"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="141"/>
        <source>No registries yet.</source>
        <translation>Aún no hay registros.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="142"/>
        <source>Add your company&apos;s registry or a muelle-registry, e.g. registry.local:5000.</source>
        <translation>Añade el registro de tu empresa o un muelle-registry, p. ej. registry.local:5000.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="143"/>
        <source>Add a registry</source>
        <translation>Añadir un registro</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="159"/>
        <source>Choose a registry to browse its repositories.</source>
        <translation>Elige un registro para explorar sus repositorios.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/RegistriesPage.qml" line="160"/>
        <source>Or search every registry at once with Ctrl+K.</source>
        <translation>O busca en todos los registros a la vez con Ctrl+K.</translation>
    </message>
</context>
<context>
    <name>RegistryDialog</name>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="53"/>
        <source>Add a registry</source>
        <translation>Añadir un registro</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="53"/>
        <source>Log in to %1</source>
        <translation>Iniciar sesión en %1</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="73"/>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="80"/>
        <source>Registry</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="79"/>
        <source>registry.example.com:5000</source>
        <translation>registry.example.com:5000</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="89"/>
        <source>Not a registry: a host name with a dot or a port, e.g. registry.local:5000.</source>
        <translation>No es un registro: un nombre de host con un punto o un puerto, p. ej. registry.local:5000.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="95"/>
        <source>Plain HTTP or an unverified certificate</source>
        <translation>HTTP sin cifrar o un certificado sin verificar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="97"/>
        <source>Username (optional)</source>
        <translation>Usuario (opcional)</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="97"/>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="102"/>
        <source>Username</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="106"/>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="112"/>
        <source>Password or token</source>
        <translation>Contraseña o token</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="120"/>
        <source>The engine checks the login with the registry and keeps it, as docker login does; Muelle does not store it.</source>
        <translation>El motor comprueba el inicio de sesión con el registro y lo guarda, como docker login; Muelle no lo almacena.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="127"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="133"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="133"/>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RegistryDialog.qml" line="133"/>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
</context>
<context>
    <name>RepositoryList</name>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="25"/>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="26"/>
        <source>Filter repositories</source>
        <translation>Filtrar repositorios</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="37"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="38"/>
        <source>%n repository(s)</source>
        <translation>
            <numerusform>%n repositorio</numerusform>
            <numerusform>%n repositorios</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="42"/>
        <source>Read the catalog again</source>
        <translation>Leer el catálogo de nuevo</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="59"/>
        <source>Repositories</source>
        <translation>Repositorios</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="79"/>
        <source>No repository holds “%1”.</source>
        <translation>Ningún repositorio contiene «%1».</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="79"/>
        <source>This registry has no repositories.</source>
        <translation>Este registro no tiene repositorios.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="80"/>
        <source>Clear the filter to see them all.</source>
        <translation>Borra el filtro para verlos todos.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/RepositoryList.qml" line="80"/>
        <source>Push an image to it, e.g. from the Images page.</source>
        <translation>Sube una imagen a él, p. ej. desde la página Imágenes.</translation>
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
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="51"/>
        <source>Run</source>
        <translation>Ejecutar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="68"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="83"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="84"/>
        <source>Image</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="85"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="86"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="86"/>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="87"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="88"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="88"/>
        <source>the image&apos;s own</source>
        <translation>el de la imagen</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="89"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="90"/>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="91"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="92"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="92"/>
        <source>NAME=value, one per line</source>
        <translation>NAME=value, una por línea</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="93"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="94"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="94"/>
        <source>name:/path or /host/dir:/path[:ro], one per line</source>
        <translation>name:/path o /host/dir:/path[:ro], uno por línea</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="95"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="96"/>
        <source>Memory limit</source>
        <translation>Límite de memoria</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="96"/>
        <source>e.g. 512m; none when empty</source>
        <translation>p. ej. 512m; sin límite si está vacío</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="97"/>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="98"/>
        <source>CPUs</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="98"/>
        <source>e.g. 1.5; all when empty</source>
        <translation>p. ej. 1.5; todas si está vacío</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="99"/>
        <source>Restart</source>
        <translation>Reinicio</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="104"/>
        <source>Restart policy</source>
        <translation>Política de reinicio</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="105"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="105"/>
        <source>always</source>
        <translation>siempre</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="105"/>
        <source>unless stopped</source>
        <translation>salvo si se detiene</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="105"/>
        <source>on failure</source>
        <translation>si falla</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/RunContainerDialog.qml" line="108"/>
        <source>Remove it when it stops</source>
        <translation>Eliminarlo cuando se detenga</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="31"/>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="44"/>
        <source>Search images</source>
        <translation>Buscar imágenes</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="43"/>
        <source>Search every registry, e.g. nginx or team/app</source>
        <translation>Busca en todos los registros, p. ej. nginx o team/app</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="76"/>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="115"/>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="117"/>
        <source>Nothing found here</source>
        <translation>Nada encontrado aquí</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="117"/>
        <source>This registry could not be searched</source>
        <translation>No se pudo buscar en este registro</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="119"/>
        <source>official</source>
        <translation>oficial</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/dialogs/SearchDialog.qml" line="119"/>
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n estrella</numerusform>
            <numerusform>%n estrellas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="129"/>
        <source>Type to search every registry Muelle knows.</source>
        <translation>Escribe para buscar en todos los registros que conoce Muelle.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="130"/>
        <source>No registry answered.</source>
        <translation>Ningún registro respondió.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="131"/>
        <source>Add registries on the Registries page.</source>
        <translation>Añade registros en la página Registros de imágenes.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="131"/>
        <source>Add a registry, or check that they are reachable.</source>
        <translation>Añade un registro o comprueba que son accesibles.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/SearchDialog.qml" line="142"/>
        <source>↑ ↓ to choose, Enter to open, Esc to close</source>
        <translation>↑ ↓ para elegir, Intro para abrir, Esc para cerrar</translation>
    </message>
</context>
<context>
    <name>StateBadge</name>
    <message>
        <location filename="../../qml/components/StateBadge.qml" line="16"/>
        <source>State: %1</source>
        <translation>Estado: %1</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="22"/>
        <source>Saved %1</source>
        <translation>Guardado en %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/components/StatsCharts.qml" line="34"/>
        <source>CPU %1 % · memory %2 of %3 · %n process(es)</source>
        <translation>
            <numerusform>CPU %1 % · memoria %2 de %3 · %n proceso</numerusform>
            <numerusform>CPU %1 % · memoria %2 de %3 · %n procesos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="36"/>
        <source>no limit</source>
        <translation>sin límite</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="40"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="50"/>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="88"/>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="98"/>
        <source>Block I/O</source>
        <translation>E/S de bloques</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="70"/>
        <location filename="../../qml/components/StatsCharts.qml" line="71"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="79"/>
        <location filename="../../qml/components/StatsCharts.qml" line="80"/>
        <source>Memory</source>
        <translation>Memoria</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="89"/>
        <source>received</source>
        <translation>recibidos</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="90"/>
        <source>sent</source>
        <translation>enviados</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="99"/>
        <source>read</source>
        <translation>leídos</translation>
    </message>
    <message>
        <location filename="../../qml/components/StatsCharts.qml" line="100"/>
        <source>written</source>
        <translation>escritos</translation>
    </message>
</context>
<context>
    <name>TableHeader</name>
    <message>
        <location filename="../../qml/components/TableHeader.qml" line="50"/>
        <source>%1, sorted ascending</source>
        <translation>%1, orden ascendente</translation>
    </message>
    <message>
        <location filename="../../qml/components/TableHeader.qml" line="50"/>
        <source>%1, sorted descending</source>
        <translation>%1, orden descendente</translation>
    </message>
    <message>
        <location filename="../../qml/components/TableHeader.qml" line="51"/>
        <source>%1, sort by it</source>
        <translation>%1, ordenar por esta columna</translation>
    </message>
    <message>
        <location filename="../../qml/components/TableHeader.qml" line="54"/>
        <source>Sort by %1</source>
        <translation>Ordenar por %1</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <location filename="../../qml/dialogs/TagDialog.qml" line="27"/>
        <source>Tag %1</source>
        <translation>Etiquetar %1</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/TagDialog.qml" line="33"/>
        <location filename="../../qml/dialogs/TagDialog.qml" line="40"/>
        <source>New name</source>
        <translation>Nuevo nombre</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/TagDialog.qml" line="39"/>
        <source>repository:tag</source>
        <translation>repository:tag</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/TagDialog.qml" line="48"/>
        <source>Not an image name: lower-case letters, digits and . _ - / only, then an optional :tag.</source>
        <translation>No es un nombre de imagen: solo letras minúsculas, dígitos y . _ - /, seguidos de un :tag opcional.</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/TagDialog.qml" line="54"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../qml/dialogs/TagDialog.qml" line="59"/>
        <source>Tag</source>
        <translation>Etiquetar</translation>
    </message>
</context>
<context>
    <name>TagList</name>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="17"/>
        <source>Tag</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="18"/>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="19"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="20"/>
        <source>Platforms</source>
        <translation>Plataformas</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="27"/>
        <source>Back to the repositories</source>
        <translation>Volver a los repositorios</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/pages/registries/TagList.qml" line="40"/>
        <source>%n tag(s)</source>
        <translation>
            <numerusform>%n etiqueta</numerusform>
            <numerusform>%n etiquetas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="43"/>
        <source>List the tags again</source>
        <translation>Listar las etiquetas de nuevo</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="65"/>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="81"/>
        <source>unreadable</source>
        <translation>ilegible</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="87"/>
        <source>Pull %1</source>
        <translation>Descargar %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="93"/>
        <source>Pull %1 and run it</source>
        <translation>Descargar %1 y ejecutarla</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="99"/>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagList.qml" line="110"/>
        <source>This repository has no tags.</source>
        <translation>Este repositorio no tiene etiquetas.</translation>
    </message>
</context>
<context>
    <name>TagView</name>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="18"/>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="18"/>
        <source>SBOM</source>
        <translation>SBOM</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="19"/>
        <source>Attestation</source>
        <translation>Atestación</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="19"/>
        <source>Artifact</source>
        <translation>Artefacto</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="26"/>
        <source>Back to the tags</source>
        <translation>Volver a las etiquetas</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="41"/>
        <source>Pull</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="48"/>
        <source>Pull and run…</source>
        <translation>Descargar y ejecutar…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="55"/>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="61"/>
        <source>Delete the tag %1…</source>
        <translation>Borrar la etiqueta %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="65"/>
        <source>Delete %1?</source>
        <translation>¿Borrar %1?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="66"/>
        <source>The tag goes from the registry; other tags of the same image stay. Whoever pulls it by this name afterwards gets nothing.</source>
        <translation>La etiqueta desaparece del registro; las demás etiquetas de la misma imagen se conservan. Quien la descargue después con este nombre no obtendrá nada.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="67"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="77"/>
        <source>Deleted %1</source>
        <translation>Se borró %1</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="100"/>
        <source>Digest</source>
        <translation>Digest</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="101"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="102"/>
        <source>Platform</source>
        <translation>Plataforma</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="103"/>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="104"/>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message numerus="yes">
        <location filename="../../qml/pages/registries/TagView.qml" line="104"/>
        <source>%1 in %n layer(s), %2 of them here already</source>
        <translation>
            <numerusform>%1 en %n capa, %2 ya aquí</numerusform>
            <numerusform>%1 en %n capas, %2 de ellas ya aquí</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="105"/>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="106"/>
        <source>Working directory</source>
        <translation>Directorio de trabajo</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="107"/>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="108"/>
        <source>Ports</source>
        <translation>Puertos</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="109"/>
        <source>Environment</source>
        <translation>Entorno</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="119"/>
        <source>Platforms of this index</source>
        <translation>Plataformas de este índice</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="129"/>
        <source>no platform</source>
        <translation>sin plataforma</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="143"/>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="154"/>
        <source>here</source>
        <translation>aquí</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="154"/>
        <source>to pull</source>
        <translation>por descargar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="160"/>
        <source>No layers.</source>
        <translation>Sin capas.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="169"/>
        <source>Signatures, SBOMs and attestations</source>
        <translation>Firmas, SBOM y atestaciones</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="180"/>
        <source>(no artifact type)</source>
        <translation>(sin tipo de artefacto)</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="187"/>
        <source>Nothing refers to this image: it is not signed and has no SBOM here.</source>
        <translation>Nada hace referencia a esta imagen: no está firmada y no tiene SBOM aquí.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="200"/>
        <source>Compare with another tag</source>
        <translation>Comparar con otra etiqueta</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="212"/>
        <source>Tag to compare with</source>
        <translation>Etiqueta con la que comparar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="216"/>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="229"/>
        <source>%1 layers shared (%2): stored and pulled once. %3 only in %4, %5 only in %6. %6 is %7 %8.</source>
        <translation>Capas compartidas: %1 (%2), guardadas y descargadas una sola vez. Solo en %4: %3; solo en %6: %5. %6 es %7 %8.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="234"/>
        <source>larger</source>
        <translation>más grande</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="234"/>
        <source>smaller</source>
        <translation>más pequeña</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="240"/>
        <source>+ %1  %2</source>
        <translation>+ %1  %2</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="248"/>
        <source>− %1  %2</source>
        <translation>− %1  %2</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="262"/>
        <source>Labels</source>
        <translation>Etiquetas de metadatos</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="277"/>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../qml/pages/registries/TagView.qml" line="285"/>
        <source>(no command)</source>
        <translation>(sin comando)</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <location filename="../../qml/components/TimeChart.qml" line="80"/>
        <source>%1 s: %2</source>
        <translation>%1 s: %2</translation>
    </message>
    <message>
        <location filename="../../qml/components/TimeChart.qml" line="83"/>
        <source>%1 s: %2 %3, %4 %5</source>
        <translation>%1 s: %2 %3, %4 %5</translation>
    </message>
</context>
<context>
    <name>ToastLayer</name>
    <message>
        <location filename="../../qml/components/ToastLayer.qml" line="70"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>TransferRow</name>
    <message>
        <location filename="../../qml/components/TransferRow.qml" line="21"/>
        <source>Pull of %1</source>
        <translation>Descarga de %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/TransferRow.qml" line="21"/>
        <source>Push of %1</source>
        <translation>Subida de %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/TransferRow.qml" line="46"/>
        <source>Cancel the transfer of %1</source>
        <translation>Cancelar la transferencia de %1</translation>
    </message>
    <message>
        <location filename="../../qml/components/TransferRow.qml" line="56"/>
        <source>Progress of %1</source>
        <translation>Progreso de %1</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message numerus="yes">
        <location filename="../../qml/components/TrayIcon.qml" line="18"/>
        <source>Muelle: %n running</source>
        <translation>
            <numerusform>Muelle: %n en ejecución</numerusform>
            <numerusform>Muelle: %n en ejecución</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="18"/>
        <source>Muelle: the engine is not running</source>
        <translation>Muelle: el motor no está en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="23"/>
        <source>Engine running</source>
        <translation>Motor en marcha</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="23"/>
        <source>Engine not running</source>
        <translation>Motor detenido</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="35"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="36"/>
        <source>Restart</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="37"/>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="43"/>
        <source>Pull image…</source>
        <translation>Descargar imagen…</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="44"/>
        <source>Search images…</source>
        <translation>Buscar imágenes…</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="45"/>
        <source>Open Muelle</source>
        <translation>Abrir Muelle</translation>
    </message>
    <message>
        <location filename="../../qml/components/TrayIcon.qml" line="46"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>VolumesPage</name>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="10"/>
        <location filename="../../qml/pages/VolumesPage.qml" line="62"/>
        <source>Volumes</source>
        <translation>Volúmenes</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="18"/>
        <source>Prune unused…</source>
        <translation>Eliminar los no usados…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="20"/>
        <source>Prune unused volumes?</source>
        <translation>¿Eliminar los volúmenes no usados?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="21"/>
        <source>Every volume no container uses is deleted, with all the data in it.</source>
        <translation>Se eliminan todos los volúmenes que ningún contenedor usa, con todos sus datos.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="22"/>
        <source>Prune</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="44"/>
        <source>Create volume</source>
        <translation>Crear volumen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="78"/>
        <source>Delete</source>
        <translation>Supr</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="79"/>
        <source>Remove %1…</source>
        <translation>Eliminar %1…</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="82"/>
        <source>Remove %1?</source>
        <translation>¿Eliminar %1?</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="83"/>
        <source>The volume and every file in it are deleted. A volume that a container uses cannot be removed.</source>
        <translation>Se eliminan el volumen y todos sus archivos. No se puede eliminar un volumen que use un contenedor.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="84"/>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="94"/>
        <source>A volume keeps data beyond the containers that use it.</source>
        <translation>Un volumen conserva los datos más allá de los contenedores que lo usan.</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="95"/>
        <source>Create a volume</source>
        <translation>Crear un volumen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="35"/>
        <location filename="../../qml/pages/VolumesPage.qml" line="36"/>
        <source>New volume&apos;s name</source>
        <translation>Nombre del nuevo volumen</translation>
    </message>
    <message>
        <location filename="../../qml/pages/VolumesPage.qml" line="93"/>
        <source>No volumes.</source>
        <translation>No hay volúmenes.</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::BuildSession</name>
    <message>
        <location filename="../../src/desktop/builds/buildsession.cpp" line="165"/>
        <source>A build is running: wait for it to end, or cancel it.</source>
        <translation>Hay una construcción en curso: espera a que termine o cancélala.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/buildsession.cpp" line="186"/>
        <source>There is no %1 in %2.</source>
        <translation>No hay %1 en %2.</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::BuildWizard</name>
    <message>
        <location filename="../../src/desktop/builds/buildwizard.cpp" line="58"/>
        <source>There is no folder %1.</source>
        <translation>No existe la carpeta %1.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/buildwizard.cpp" line="67"/>
        <source>%1 has no Dockerfile: choose another folder, or start from nothing.</source>
        <translation>%1 no tiene Dockerfile: elige otra carpeta o empieza desde cero.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/buildwizard.cpp" line="93"/>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/buildwizard.cpp" line="174"/>
        <source>%1 is not an image name: lower-case letters, digits and . _ - / then an optional :tag.</source>
        <translation>%1 no es un nombre de imagen: minúsculas, dígitos y . _ - /, y después una :etiqueta opcional.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/buildwizard.cpp" line="233"/>
        <source>The build cannot start yet: see what the steps say.</source>
        <translation>La construcción aún no puede empezar: mira lo que dicen los pasos.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/buildwizard.cpp" line="238"/>
        <source>cannot save %1: %2</source>
        <translation>no se puede guardar %1: %2</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::ContainerStats</name>
    <message>
        <location filename="../../src/desktop/containerstats.cpp" line="185"/>
        <location filename="../../src/desktop/containerstats.cpp" line="189"/>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::ContainersModel</name>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="274"/>
        <source>%1 started</source>
        <translation>Se inició %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="276"/>
        <source>%1 stopped</source>
        <translation>Se detuvo %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="278"/>
        <source>%1 restarted</source>
        <translation>Se reinició %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="280"/>
        <source>%1 killed</source>
        <translation>Se forzó la detención de %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="282"/>
        <source>%1 paused</source>
        <translation>Se pausó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="284"/>
        <source>%1 resumed</source>
        <translation>Se reanudó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="286"/>
        <source>%1 removed</source>
        <translation>Se eliminó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/containersmodel.cpp" line="318"/>
        <source>%1 is running</source>
        <translation>%1 está en ejecución</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::DockerfileForm</name>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="108"/>
        <source>Choose a base image (scratch for none).</source>
        <translation>Elige una imagen base (scratch para ninguna).</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="110"/>
        <source>The base image is not an image name: %1</source>
        <translation>La imagen base no es un nombre de imagen: %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="116"/>
        <source>Each file to copy needs where it is in the folder and where it goes in the image.</source>
        <translation>Cada archivo que copiar necesita dónde está en la carpeta y adónde va en la imagen.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="118"/>
        <source>%1 is outside the folder: only what is in it can be copied.</source>
        <translation>%1 está fuera de la carpeta: solo se puede copiar lo que hay en ella.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="121"/>
        <source>The working directory must be an absolute path, like /app.</source>
        <translation>El directorio de trabajo debe ser una ruta absoluta, como /app.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="125"/>
        <source>%1 is not NAME=value.</source>
        <translation>%1 no es NOMBRE=valor.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="132"/>
        <source>%1 is not a port (1 to 65535, then /tcp or /udp if you like).</source>
        <translation>%1 no es un puerto (de 1 a 65535, y si quieres /tcp o /udp).</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="139"/>
        <source>An image on scratch needs a command or an entrypoint: it has no shell of its own.</source>
        <translation>Una imagen sobre scratch necesita un comando o un punto de entrada: no tiene shell propio.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="177"/>
        <source>cannot make the folder %1</source>
        <translation>no se puede crear la carpeta %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="184"/>
        <source>cannot make %1</source>
        <translation>no se puede crear %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="191"/>
        <source>Choose the compiled program to copy.</source>
        <translation>Elige el programa compilado que copiar.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="194"/>
        <source>cannot copy %1 into the folder</source>
        <translation>no se puede copiar %1 a la carpeta</translation>
    </message>
    <message>
        <location filename="../../src/desktop/builds/dockerfileform.cpp" line="200"/>
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
    <name>muelle::desktop::ImagesModel</name>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="74"/>
        <source>Removed %1</source>
        <translation>Se eliminó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="79"/>
        <source>Tagged %1 as %2</source>
        <translation>Se etiquetó %1 como %2</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::NetworksModel</name>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="201"/>
        <source>Created network %1</source>
        <translation>Se creó la red %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="212"/>
        <source>Removed network %1</source>
        <translation>Se eliminó la red %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="217"/>
        <source>Removed unused networks</source>
        <translation>Se eliminaron las redes no usadas</translation>
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
        <location filename="../../src/desktop/notifier.cpp" line="35"/>
        <source>The build succeeded</source>
        <translation>La construcción terminó bien</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="35"/>
        <source>Built %1</source>
        <translation>Construida %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="37"/>
        <source>The build failed</source>
        <translation>La construcción falló</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="39"/>
        <source>The build was cancelled</source>
        <translation>La construcción se canceló</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="80"/>
        <source>%1 exited with code %2</source>
        <translation>%1 terminó con el código %2</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="83"/>
        <source>%1 ran out of memory</source>
        <translation>%1 se quedó sin memoria</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="83"/>
        <source>The kernel killed a process of the container.</source>
        <translation>El kernel finalizó un proceso del contenedor.</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="85"/>
        <source>%1 is unhealthy</source>
        <translation>%1 no está en buen estado</translation>
    </message>
    <message>
        <location filename="../../src/desktop/notifier.cpp" line="85"/>
        <source>Its health check fails.</source>
        <translation>Su comprobación de estado falla.</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::RegistriesModel</name>
    <message>
        <location filename="../../src/desktop/registries/registriesmodel.cpp" line="88"/>
        <source>Added %1</source>
        <translation>Se añadió %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/registries/registriesmodel.cpp" line="91"/>
        <source>Added %1 and logged in</source>
        <translation>Se añadió %1 y se inició sesión</translation>
    </message>
    <message>
        <location filename="../../src/desktop/registries/registriesmodel.cpp" line="104"/>
        <source>Removed %1</source>
        <translation>Se quitó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/registries/registriesmodel.cpp" line="111"/>
        <source>Logged in to %1 as %2</source>
        <translation>Sesión iniciada en %1 como %2</translation>
    </message>
    <message>
        <location filename="../../src/desktop/registries/registriesmodel.cpp" line="118"/>
        <source>Logged out of %1</source>
        <translation>Sesión cerrada en %1</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::RepositoriesModel</name>
    <message>
        <location filename="../../src/desktop/registries/repositoriesmodel.cpp" line="94"/>
        <source>Only the first %L1 repositories are listed.</source>
        <translation>Solo se listan los primeros %L1 repositorios.</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::TagsModel</name>
    <message>
        <location filename="../../src/desktop/registries/tagsmodel.cpp" line="107"/>
        <source>Only the first %L1 tags are listed.</source>
        <translation>Solo se listan las primeras %L1 etiquetas.</translation>
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
    <message>
        <location filename="../../src/desktop/transfersmodel.cpp" line="179"/>
        <source>Pulled %1</source>
        <translation>Se descargó %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/transfersmodel.cpp" line="179"/>
        <source>Pushed %1</source>
        <translation>Se subió %1</translation>
    </message>
</context>
<context>
    <name>muelle::desktop::VolumesModel</name>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="149"/>
        <source>Created a volume</source>
        <translation>Se creó un volumen</translation>
    </message>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="149"/>
        <source>Created volume %1</source>
        <translation>Se creó el volumen %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="154"/>
        <source>Removed volume %1</source>
        <translation>Se eliminó el volumen %1</translation>
    </message>
    <message>
        <location filename="../../src/desktop/resourcemodels.cpp" line="159"/>
        <source>Removed unused volumes</source>
        <translation>Se eliminaron los volúmenes no usados</translation>
    </message>
</context>
</TS>
