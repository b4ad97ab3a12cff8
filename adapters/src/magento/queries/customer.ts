import { moneyFields } from "./fragments.ts";

export const generateCustomerTokenMutation = `
  mutation AdapterSignIn($email: String!, $password: String!) {
    generateCustomerToken(email: $email, password: $password) { token }
  }
`;

export const revokeCustomerTokenMutation = `
  mutation AdapterSignOut {
    revokeCustomerToken { result }
  }
`;

export const customerQuery = `
  query AdapterCustomer {
    customer {
      email
      firstname
      lastname
      is_subscribed
      group_id
      addresses {
        firstname
        lastname
        street
        city
        region { region }
        postcode
        country_code
        telephone
        default_billing
        default_shipping
      }
    }
  }
`;

export const customerOrdersQuery = `
  query AdapterCustomerOrders($currentPage: Int!, $pageSize: Int!) {
    customer {
      orders(currentPage: $currentPage, pageSize: $pageSize) {
        total_count
        page_info { current_page page_size total_pages }
        items {
          id
          number
          order_date
          status
          items { product_sku product_name quantity_ordered product_sale_price { ${moneyFields} } }
          total {
            grand_total { ${moneyFields} }
            subtotal { ${moneyFields} }
            total_shipping { ${moneyFields} }
          }
        }
      }
    }
  }
`;
