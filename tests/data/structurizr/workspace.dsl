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
        system -> shop "Reads last month's orders"

        deploymentEnvironment "production" {
            deploymentNode "AWS eu-west-1" "" "Amazon Web Services" {
                properties {
                    "archdoc.id" "aws"
                }
                deploymentNode "Kubernetes 'cluster' {" "" "EKS 1.29" "" "3..10" {
                    properties {
                        "archdoc.id" "k8s"
                    }
                    containerInstance web
                    containerInstance api
                    containerInstance admin_ui
                }
                deploymentNode "Database server (rds)" "" "PostgreSQL 16" "" "2" {
                    properties {
                        "archdoc.id" "rds"
                    }
                    containerInstance db
                }
                deploymentNode "Database server (rds-2)" {
                    properties {
                        "archdoc.id" "rds-2"
                    }
                    containerInstance db
                }
                deploymentNode "Load balancer" "" "" "" "2" {
                    properties {
                        "archdoc.id" "lb"
                    }
                }
            }
        }

        deploymentEnvironment "staging" {
            deploymentNode "Staging VM" {
                properties {
                    "archdoc.id" "staging-box"
                }
                containerInstance api
                containerInstance db
                containerInstance Workspace_
                softwareSystemInstance payments
            }
        }
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
        deployment * "production" "production-Deployment" {
            include *
            autoLayout
        }
        deployment * "staging" "staging-Deployment" {
            include *
            autoLayout
        }
        dynamic api "checkout-Dynamic" "Checkout" {
            customer -> web "Opens the 'cart' {"
            web -> orders "Places the order"
            orders -> db "Stores the order"
            db -> orders "Order number"
            orders -> web "Confirms"
            autoLayout
        }
        dynamic * "monthly_report-Dynamic" "Monthly report" {
            system -> crm_accounts "Reads the accounts"
            system -> shop "Reads last month's orders"
            crm_accounts -> system "Accounts"
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
