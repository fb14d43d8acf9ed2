import WarmPathSupport
import WarmPathModel

/// Every importer warmpath ships, in the order `inspect` lists them.
public enum StandardImporters {
    public static var all: [any SourceImporter] {
        [
            LinkedInImporter(),
            FacebookImporter(),
            TwitterImporter(),
            ContactsImporter(),
            MailImporter(),
            CalendarImporter(),
            GraphFileImporter(),
        ]
    }
}
