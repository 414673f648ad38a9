namespace Noa.Stages.Classifier.Paths;

/// <summary>
/// Linguist's path-only exclusions: vendor.yml, documentation.yml and the path checks of
/// generated.rb, each a <see cref="PatternSet"/>. Paths use <c>/</c> and are relative to the root.
/// </summary>
internal static class PathRules
{
    internal static readonly string[] VendorPatterns =
    [
        @"(^|/)cache/", @"^[Dd]ependencies/", @"(^|/)dist/", @"^deps/", @"(^|/)configure$",
        @"(^|/)config\.guess$", @"(^|/)config\.sub$", @"(^|/)aclocal\.m4", @"(^|/)libtool\.m4", @"(^|/)ltoptions\.m4",
        @"(^|/)ltsugar\.m4", @"(^|/)ltversion\.m4", @"(^|/)lt~obsolete\.m4", @"cpplint\.py", @"node_modules/",
        @"bower_components/", @"^rebar$", @"erlang\.mk", @"Godeps/_workspace/", @"\.indent\.pro", @"(\.|-)min\.(js|css)$",
        @"([^\s]*)import\.(css|less|scss|styl)$", @"(^|/)bootstrap([^.]*)\.(js|css|less|scss|styl)$",
        @"(^|/)custom\.bootstrap([^\s]*)(js|css|less|scss|styl)$", @"(^|/)font-?awesome\.(css|less|scss|styl)$",
        @"(^|/)font-?awesome/.*\.(css|less|scss|styl)$",
        @"(^|/)foundation\.(css|less|scss|styl)$", @"(^|/)normalize\.(css|less|scss|styl)$", @"(^|/)skeleton\.(css|less|scss|styl)$",
        @"(^|/)materialize\.(css|less|scss|styl|js)$", @"(^|/)select2/.*\.(css|scss|js)$", @"(^|/)bulma\.(css|sass|scss)$",
        @"(^|/)[Bb]ourbon/.*\.(css|less|scss|styl)$", @"(^|/)animate\.(css|less|scss|styl)$",
        @"third[-_]?party/", @"(3rd|[Tt]hird)[-_]?[Pp]arty/", @"vendors?/", @"extern(al)?/", @"(^|/)[Vv]+endor/", @"^debian/",
        @"run\.n$", @"bootstrap-datepicker/", @"(^|/)jquery([^.]*)\.js$", @"(^|/)jquery\-\d\.\d+(\.\d+)?\.js$",
        @"(^|/)jquery\-ui(\-\d\.\d+(\.\d+)?)?(\.\w+)?\.(js|css)$", @"(^|/)jquery\.(ui|effects)\.([^.]*)\.(js|css)$",
        @"jquery\.fn\.gantt\.js", @"jquery\.fancybox\.(js|css)", @"fuelux\.js", @"jquery\.dataTables\.js", @"bootbox\.js", @"pdf\.worker\.js", @"(^|/)flow-typed/.*\.js$", @"(^|/)jquery\.fileupload(-\w+)?\.js$",
        @"(^|/)slick\.\w+\.js$", @"(^|/)prototype(.*)\.js$",
        @"(^|/)effects\.js$", @"(^|/)controls\.js$", @"(^|/)dragdrop\.js$",
        @"(^|/)mootools([^.]*)\d+\.\d+\.\d+([^.]*)\.js$", @"(^|/)dojo\.js$", @"(^|/)MochiKit\.js$",
        @"(^|/)yahoo-([^.]*)\.js$", @"(^|/)yui([^.]*)\.js$", @"(^|/)ckeditor\.js$", @"(^|/)tiny_mce([^.]*)\.js$",
        @"(^|/)tiny_mce/(langs|plugins|themes|utils)", @"(^|/)ace-builds/", @"(^|/)fontello(.*?)\.css$",
        @"(^|/)MathJax/", @"(^|/)Chart\.js$", @"(^|/)[Cc]ode[Mm]irror/(\d+\.\d+/)?(lib|mode|theme|addon|keymap|demo)",
        @"(^|/)shBrush([^.]*)\.js$", @"(^|/)shCore\.js$", @"(^|/)shLegacy\.js$", @"(^|/)angular([^.]*)\.js$",
        @"(^|/)d3(\.v\d+)?([^.]*)\.js$", @"(^|/)react(-[^.]*)?\.js$", @"(^|/)modernizr\-\d\.\d+(\.\d+)?\.js$",
        @"(^|/)modernizr\.custom\.\d+\.js$", @"(^|/)knockout-(\d+\.){3}(debug\.)?js$",
        @"(^|/)docs?/_?(build|themes?|templates?|static)/", @"(^|/)admin_media/", @"(^|/)env/", @"^fabfile\.py$",
        @"^waf$", @"^\.osx$", @"\.xctemplate/", @"\.imageset/", @"(^|/)Carthage/", @"BuddyBuildSDK\.framework/", @"Realm\.framework", @"RealmSwift\.framework", @"^Pods/", @"(^|/)Sparkle/",
        @"Crashlytics\.framework/", @"Fabric\.framework/",
        @"-vsdoc\.js$", @"\.intellisense\.js$",
        @"(^|/)jquery([^.]*)\.validate(\.unobtrusive)?\.js$", @"(^|/)jquery([^.]*)\.unobtrusive\-ajax\.js$",
        @"(^|/)[Mm]icrosoft([Mm]vc)?([Aa]jax|[Vv]alidation)(\.debug)?\.js$", @"^[Pp]ackages/.+\.\d+/",
        @"(^|/)extjs/", @"(^|/)html5shiv\.js$", @"(^|/)cordova([^.]*)\.js$", @"(^|/)cordova\-\d\.\d(\.\d)?\.js$", @"foundation(\..*)?\.js$",
        @"^vignettes/", @"^inst/extdata/", @"octicons\.css", @"sprockets-octicons\.scss",
        @"(^|/)activator$", @"(^|/)activator\.bat$", @"proguard\.pro", @"proguard-rules\.pro", @"^puphpet/",
        @"(^|/)\.google_apis/", @"(^|/)\.yarn/(releases|plugins|sdks|versions|unplugged)/",
        @"(^|/)\.git/",
    ];

    // vendor.yml's own-tooling entries (editor settings, git files, type declarations, build wrappers, CI, a root tools/ folder):
    // vendored to linguist, but the repository's own files to us, so they keep the scope their path gives (gradlew is how the
    // product builds). They still get no language, as linguist's breakdown has none for them.
    internal static readonly string[] ToolingVendorPatterns =
    [
        @"\.vscode", @"\.sublime-project", @"\.sublime-workspace", @"(.*?)\.d\.ts$", @"^Vagrantfile$", @"\.[Dd][Ss]_[Ss]tore$", @"^Jenkinsfile$",
        @"gitattributes$", @"gitignore$", @"gitmodules$", @"(^|/)gradlew$", @"(^|/)gradlew\.bat$", @"(^|/)gradle/wrapper/", @"(^|/)mvnw$",
        @"(^|/)mvnw\.cmd$", @"(^|/)\.mvn/wrapper/", @"^tools/",
    ];

    // vendor.yml's test-fixture folders: vendored to linguist, scope fixture to us.
    internal static readonly string[] FixtureVendorPatterns = [@"(^|/)testdata/", @"^[Tt]ests?/fixtures/", @"^[Ss]pecs?/fixtures/"];

    internal static readonly string[] DocumentationPatterns =
    [
        @"^[Dd]ocs?/", @"(^|/)[Dd]ocumentation/", @"(^|/)[Gg]roovydoc/", @"(^|/)[Jj]avadoc/", @"^[Mm]an/",
        @"^[Ee]xamples/", @"^[Dd]emos?/", @"(^|/)inst/doc/", @"(^|/)CITATION(\.cff|(S?(\.(bib|md))?))$",
        @"(^|/)CHANGE(S|LOG)?(\.|$)", @"(^|/)CONTRIBUTING(\.|$)", @"(^|/)COPYING(\.|$)", @"(^|/)INSTALL(\.|$)",
        @"(^|/)LICEN[CS]E(\.|$)", @"(^|/)[Ll]icen[cs]e(\.|$)", @"(^|/)README(\.|$)", @"(^|/)[Rr]eadme(\.|$)",
        @"^[Ss]amples?/",
    ];

    // generated.rb's checks that need only the path.
    internal static readonly string[] GeneratedPatterns =
    [
        @"\.(nib|xcworkspacedata|xcuserstate)$", @"(?:^|/)\.idea/", @"(^Pods|/Pods)/", @"(^|/)Carthage/Build/",
        @"(^|/)__generated__/", @"\.(js|css)\.map$", @"\.(?i:designer)\.(cs|vb)$", @"\.feature\.cs$",
        @"(^|/)(package-lock|npm-shrinkwrap)\.json$", @"(^|/)pnpm-lock\.yaml$", @"(^|/)yarn\.lock$", @"(^|/)\.pnp\.(c|m)?js$",
        @"(^|/)composer\.lock$", @"(^|/)Cargo\.lock$", @"(^|/)Gopkg\.lock$", @"(^|/)glide\.lock$", @"(^|/)go\.sum$",
        @"(^|/)poetry\.lock$", @"(^|/)Pipfile\.lock$", @"(^|/)uv\.lock$", @"(^|/)pdm\.lock$", @"(^|/)deno\.lock$",
        @"(^|/)flake\.lock$", @"(^|/)MODULE\.bazel\.lock$", @"(^|/)Package\.resolved$", @"(^|/)bun\.lockb?$",
        @"_pb2(_grpc)?\.pyi?$", @"\.pb\.(go|cc|h)$", @"_pb\.(js|d\.ts)$", @"_grpc_pb\.js$", @"\.pb\.swift$",
        @"(^|/)\.sqlx/query-[0-9a-f]{64}\.json$", @"\.(g|freezed)\.dart$", @"(^|/)gradle/wrapper/",
    ];

    private static readonly PatternSet Vendor = new(VendorPatterns);
    private static readonly PatternSet FixtureVendor = new(FixtureVendorPatterns);
    private static readonly PatternSet ToolingVendor = new(ToolingVendorPatterns);
    private static readonly PatternSet Documentation = new(DocumentationPatterns);
    private static readonly PatternSet Generated = new(GeneratedPatterns);

    /// <summary>linguist's vendored: third-party paths, test-fixture folders and own tooling.</summary>
    public static bool IsVendored(string path) => Vendor.IsMatch(path) || FixtureVendor.IsMatch(path) || ToolingVendor.IsMatch(path);

    /// <summary>Third-party paths only (vendor.yml without its fixture folders and own-tooling entries).</summary>
    public static bool IsThirdParty(string path) => Vendor.IsMatch(path);

    public static bool IsDocumentation(string path) => Documentation.IsMatch(path);

    public static bool IsGeneratedPath(string path) => Generated.IsMatch(path);
}
