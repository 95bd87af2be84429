workspace "Shop" "Exported from archdoc.json (sphinx-archdoc 0.0.0), version 1.0" {

    model {
        customer = person "Customer" "Buys things"
        clerk = person "Back-office 'clerk'" "" "staff"
        shop = softwareSystem "Web Shop" "Sells things online" {
            properties {
                "archdoc.id" "shop"
            }
            web = container "Storefront" "" "React" {
                properties {
                    "archdoc.id" "web"
                }
            }
            admin_ui = container "Admin UI" "" "Vue" "Inactive" {
                properties {
                    "archdoc.id" "admin-ui"
                }
            }
            api = container "API" "" "Python/FastAPI" {
                properties {
                    "archdoc.id" "api"
                }
                orders = component "Orders" "Takes orders" {
                    properties {
                        "archdoc.id" "orders"
                    }
                }
                billing = component "Billing" {
                    properties {
                        "archdoc.id" "billing"
                    }
                }
            }
            db = container "Database" "" "PostgreSQL" {
                properties {
                    "archdoc.id" "db"
                }
            }
        }
        payments = softwareSystem "Payment Provider" "Charges $ {CARD} numbers" "External" {
            properties {
                "archdoc.id" "payments"
            }
        }
        system = softwareSystem "Shop" {
            Workspace_ = container "Reporting" {
                properties {
                    "archdoc.id" "Workspace"
                }
            }
            API2 = container "API" {
                properties {
                    "archdoc.id" "API2"
                }
            }
        }
        crm_accounts = softwareSystem "crm:accounts" "" "External" {
            properties {
                "archdoc.id" "crm:accounts"
            }
        }

        web -> orders "Places orders" "JSON/HTTPS"
        orders -> db "Stores orders" "SQL"
        billing -> payments "Sends 'invoices' weekly {; Charges cards" "REST"
        Workspace_ -> crm_accounts "Reads accounts"
        api -> db "Reads and writes" "SQL"
        customer -> web
        clerk -> admin_ui
    }

    views {
        systemContext shop "shop-SystemContext" {
            include *
            autoLayout
        }
        container shop "shop-Containers" {
            include *
            autoLayout
        }
        component api "api-Components" {
            include *
            autoLayout
        }
        systemContext system "system-SystemContext" {
            include *
            autoLayout
        }
        container system "system-Containers" {
            include *
            autoLayout
        }
        styles {
            element "Person" {
                shape Person
            }
            element "External" {
                background #999999
                color #ffffff
            }
            element "Inactive" {
                border dashed
            }
        }
    }
}
