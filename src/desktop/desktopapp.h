#pragma once
// The app's state, built once and shared by muelle-desktop and its tests:
// the engine client, every model the QML pages show and the user's
// preferences. Each is a singleton of the QML module Muelle.Engine (Engine,
// Containers, ContainersFilter, Images, ImagesTable, ImageHistory, Volumes,
// Networks, Transfers, Summary, Details, Logs, LogSearch, Stats, Notifier,
// Preferences, Registries, Repositories, Tags, TagPage, RegistrySearch,
// Build, BuildWizard), declared where its class is
// (QML_SINGLETON) and made by its create(), which hands QML the current
// DesktopApp's: the app must exist before QML is loaded.

#include "desktop/builds/buildsession.h"
#include "desktop/builds/buildwizard.h"
#include "desktop/containerdetails.h"
#include "desktop/containersfilter.h"
#include "desktop/containersmodel.h"
#include "desktop/containerstats.h"
#include "desktop/dbusengineclient.h"
#include "desktop/enginesummary.h"
#include "desktop/httpengineclient.h"
#include "desktop/imagestable.h"
#include "desktop/logmodel.h"
#include "desktop/notifier.h"
#include "desktop/preferences.h"
#include "desktop/registries/registriesmodel.h"
#include "desktop/registries/registrysearch.h"
#include "desktop/registries/repositoriesmodel.h"
#include "desktop/registries/tagdetails.h"
#include "desktop/registries/tagsmodel.h"
#include "desktop/resourcemodels.h"
#include "desktop/transfersmodel.h"

class QQmlEngine;

namespace muelle::desktop {

class DesktopApp {
public:
    // `engine`: the engine the app drives (DbusEngineClient for this
    // machine's, HttpEngineClient for a remote one); `sessionBus`: the
    // user's, for notifications (not connected: none are sent).
    DesktopApp(std::unique_ptr<EngineClient> engine, QDBusConnection sessionBus);
    ~DesktopApp();
    DesktopApp(const DesktopApp &) = delete;
    DesktopApp &operator=(const DesktopApp &) = delete;

    // The one the QML singletons come from (fatal when there is none).
    static DesktopApp &current();
    // Asks the engine for everything the pages show.
    void refresh();

    std::unique_ptr<EngineClient> client;
    ContainersModel containers;
    ContainersFilter containersFilter;
    ImagesModel images;
    ImagesTable imagesTable;
    ImageHistoryModel imageHistory;
    VolumesModel volumes;
    NetworksModel networks;
    TransfersModel transfers;
    EngineSummary summary;
    ContainerDetails details;
    LogModel logs;
    LogSearch logSearch;
    ContainerStats stats;
    Notifier notifier;
    RegistriesModel registries;
    RepositoriesModel repositories;
    TagsModel tags;
    TagDetails tagPage;
    RegistrySearch registrySearch;
    BuildSession build;
    BuildWizard buildWizard;
    Preferences preferences{ nullptr };
};

} // namespace muelle::desktop
